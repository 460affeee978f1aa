using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SloBot.Chat.ActionItems;
using SloBot.Chat.Commands;
using SloBot.Chat.Retrospectives;
using SloBot.Chat.Reviews;

namespace SloBot.Chat.Conversations;

public static class ConversationServiceCollectionExtensions
{
    /// <summary>
    /// The conversation engine (thread replies, step buttons, idle sweeper, questionnaires), retrospectives, weekly
    /// reviews and action items, with options from <c>SloBot:Conversations</c>. Stores default to in-memory;
    /// <c>AddSloBotStorage</c> replaces them with SQL ones (call order does not matter).
    /// </summary>
    public static IServiceCollection AddSloBotConversations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ConversationOptions>()
            .Bind(configuration.GetSection(ConversationOptions.Section))
            .Validate(o => o.Problem() is null, "SloBot:Conversations is invalid: RemindAfter > 0, AbandonAfter > RemindAfter, SweepInterval > 0, TimeZone a known IANA id.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IConversationStore, InMemoryConversationStore>();
        services.TryAddSingleton<IRetrospectiveStore, InMemoryRetrospectiveStore>();
        services.TryAddSingleton<IActionItemStore, InMemoryActionItemStore>();
        services.TryAddSingleton<IWeeklyReviewStore, InMemoryWeeklyReviewStore>();
        services.TryAddSingleton<ConversationEngine>();
        services.TryAddSingleton<ThreadPosts>();
        services.TryAddSingleton<IQuestionnaires, Questionnaires>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IThreadMessageHandler, ConversationMessages>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IButtonHandler, ConversationButtons>());
        services.AddSingleton<ConversationSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<ConversationSweeper>());

        services.AddSingleton<RetroFlow>();
        services.AddSingleton<ConversationFlow>(sp => sp.GetRequiredService<RetroFlow>());
        services.AddCommand<RetroStartCommand>();
        services.AddCommand<RetroListCommand>();
        services.AddCommand<RetroResumeCommand>();
        services.AddCommand<RetroExportCommand>();
        services.AddSingleton<ReviewData>();
        services.AddSingleton<WeeklyReviewFlow>();
        services.AddSingleton<ConversationFlow>(sp => sp.GetRequiredService<WeeklyReviewFlow>());
        services.AddSingleton<ReviewStarter>();
        services.AddCommand<ReviewStartCommand>();
        services.AddCommand<ReviewListCommand>();
        services.AddCommand<ReviewResumeCommand>();
        services.AddCommand<ReviewExportCommand>();
        services.AddSingleton<IButtonHandler, ReviewStartButton>();
        services.AddCommand<ActionsCommand>();
        services.AddCommand<ActionDoneCommand>();
        return services;
    }
}
