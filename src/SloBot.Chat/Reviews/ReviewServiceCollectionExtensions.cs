using Microsoft.Extensions.DependencyInjection;
using SloBot.Chat.ActionItems;
using SloBot.Chat.Capabilities;
using SloBot.Chat.Commands;
using SloBot.Chat.Conversations;
using SloBot.Chat.Documents;
using SloBot.Chat.Retrospectives;

namespace SloBot.Chat.Reviews;

public static class ReviewServiceCollectionExtensions
{
    /// <summary>
    /// <c>/slo review start|list|resume|export</c>, the weekly review flow (needs <c>AddSloBotConversations</c>) and the
    /// Monday post's start button. Reads published retrospectives (adds that capability) and action items; published through the published-document capability (<see cref="WeeklyReviewDocuments"/>).
    /// </summary>
    public static IServiceCollection AddReviews(this IServiceCollection services)
    {
        if (!services.TryAddCapability<WeeklyReviewFlow>())
            return services;
        services.AddActionItems();
        services.AddRetrospectives();
        services.AddSingleton<ReviewData>();
        services.AddConversationFlow<WeeklyReviewFlow>();
        services.AddSingleton<ReviewStarter>();
        services.AddCommand<ReviewStartCommand>();
        services.AddPublishedDocuments(WeeklyReviewDocuments.Kind);
        services.AddSingleton<IButtonHandler, ReviewStartButton>();
        return services;
    }
}
