using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SloBot.Chat.Budgets;
using SloBot.Chat.Commands;
using SloBot.Chat.Delivery;
using SloBot.Chat.Leases;
using SloBot.Chat.Roles;

namespace SloBot.Chat;

public static class ChatServiceCollectionExtensions
{
    /// <summary>
    /// The chat layer's kernel: router, dispatcher, outbox, <c>/slo help</c>, roles, the budget reader every
    /// capability shares and catalog autocompletion. Capabilities add themselves (<c>AddBudgets</c>, <c>AddTiers</c>, …).
    /// Roles come from <c>SloBot:Roles</c> of <paramref name="configuration"/> (none without one, as in tests).
    /// </summary>
    public static IServiceCollection AddSloBotChat(this IServiceCollection services, IConfiguration? configuration = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<CommandRunner>();
        services.AddSingleton<CommandRouter>();
        services.TryAddSingleton<ChatTransports>();
        services.AddSingleton<ChatDispatcher>();
        services.AddSingleton<IChatEventSink>(sp => sp.GetRequiredService<ChatDispatcher>());
        services.TryAddSingleton<Outbox>();
        services.TryAddSingleton<IOutboxStore, InMemoryOutboxStore>();
        var outboxOptions = services.AddOptionsWithValidateOnStart<OutboxOptions, OutboxOptionsValidator>();
        if (configuration is not null)
            outboxOptions.Bind(configuration.GetSection(OutboxOptions.Section));
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<OutboxOptions>>().Value);
        services.TryAddSingleton<Inbox>();
        services.TryAddSingleton<IInboxStore, InMemoryInboxStore>();
        services.TryAddSingleton<InboxReplay>();
        services.AddHostedService<OutboxRecovery>();
        services.TryAddSingleton<IHandledRequests, InMemoryHandledRequests>();
        services.TryAddSingleton<IButtonValueStore, InMemoryButtonValueStore>();
        services.TryAddSingleton<IPartitionLeases, InMemoryPartitionLeases>();
        services.TryAddSingleton<BudgetQuery>();
        services.AddSingleton<IChatAutocomplete, CatalogAutocomplete>();
        services.AddCommand<HelpCommand>();
        services.AddSloRoles(configuration);
        return services;
    }
}
