using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SloBot.Chat.ActionItems;
using SloBot.Chat.Capabilities;
using SloBot.Chat.Commands;
using SloBot.Chat.Conversations;
using SloBot.Chat.Retrospectives;

namespace SloBot.Chat.Reviews;

public static class ReviewServiceCollectionExtensions
{
    /// <summary>
    /// <c>/slo review start|list|resume|export</c>, the weekly review flow (needs <c>AddSloBotConversations</c>) and the
    /// Monday post's start button. Reads published retrospectives and action items. Store contract: <see cref="IWeeklyReviewStore"/>.
    /// </summary>
    public static IServiceCollection AddReviews(this IServiceCollection services)
    {
        if (!services.TryAddCapability<WeeklyReviewFlow>())
            return services;
        services.AddActionItems();
        services.TryAddSingleton<IRetrospectiveStore, InMemoryRetrospectiveStore>();
        services.TryAddSingleton<IWeeklyReviewStore, InMemoryWeeklyReviewStore>();
        services.AddSingleton<ReviewData>();
        services.AddConversationFlow<WeeklyReviewFlow>();
        services.AddSingleton<ReviewStarter>();
        services.AddCommand<ReviewStartCommand>();
        services.AddCommand<ReviewListCommand>();
        services.AddCommand<ReviewResumeCommand>();
        services.AddCommand<ReviewExportCommand>();
        services.AddSingleton<IButtonHandler, ReviewStartButton>();
        return services;
    }
}
