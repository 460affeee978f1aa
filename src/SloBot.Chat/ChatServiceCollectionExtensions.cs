using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SloBot.Chat.Budgets;
using SloBot.Chat.Commands;
using SloBot.Chat.Conversations;
using SloBot.Chat.Delivery;
using SloBot.Chat.Design;
using SloBot.Chat.Journeys;
using SloBot.Chat.Releases;
using SloBot.Chat.Roles;
using SloBot.Chat.Tiers;

namespace SloBot.Chat;

public static class ChatServiceCollectionExtensions
{
    /// <summary>The chat layer: router, dispatcher, outbox and the built-in commands.</summary>
    public static IServiceCollection AddSloBotChat(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<CommandRouter>();
        services.AddSingleton<ChatDispatcher>();
        services.AddSingleton<IChatEventSink>(sp => sp.GetRequiredService<ChatDispatcher>());
        services.AddSingleton<Outbox>();
        services.TryAddSingleton<IHandledRequests, InMemoryHandledRequests>();
        services.AddSingleton<BudgetQuery>();
        services.AddSingleton<BurnDownCharts>(); // draws only when the host registers an IBurnDownRenderer
        services.AddSingleton<IChatAutocomplete, CatalogAutocomplete>();
        services.AddSingleton<BudgetAnswers>();
        services.AddSingleton<IButtonHandler, BudgetButtons>();
        services.AddSingleton<IButtonHandler, BudgetShowButton>();
        services.AddCommand<HelpCommand>();
        services.AddCommand<BudgetCommand>();
        services.AddCommand<StatusCommand>();
        services.AddCommand<Catalog.CatalogCommand>();
        services.AddSloRoles();
        services.AddReleaseDecisions();
        services.TryAddSingleton<ITierAdoptions, InMemoryTierAdoptions>();
        services.AddCommand<TierCommand>();
        services.AddQuestionnaire(TierQuestionnaire.Create);
        services.AddSingleton<IButtonHandler, TierAdoptButton>();
        services.AddCommand<DesignCommand>();
        services.AddCommand<JourneysCommand>();
        services.AddCommand<JourneyCommand>();
        return services;
    }
}
