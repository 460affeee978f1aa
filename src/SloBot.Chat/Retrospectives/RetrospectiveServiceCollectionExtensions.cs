using Microsoft.Extensions.DependencyInjection;
using SloBot.Chat.ActionItems;
using SloBot.Chat.Capabilities;
using SloBot.Chat.Commands;
using SloBot.Chat.Conversations;
using SloBot.Chat.Documents;

namespace SloBot.Chat.Retrospectives;

public static class RetrospectiveServiceCollectionExtensions
{
    /// <summary>
    /// <c>/slo retro start|list|resume|export</c> and the retrospective flow (needs <c>AddSloBotConversations</c>);
    /// adds action items, which a retrospective publishes. Published through the published-document capability (<see cref="RetrospectiveDocuments"/>).
    /// </summary>
    public static IServiceCollection AddRetrospectives(this IServiceCollection services)
    {
        if (!services.TryAddCapability<RetroFlow>())
            return services;
        services.AddActionItems();
        services.AddConversationFlow<RetroFlow>();
        services.AddSingleton<RetroTimelinePrefill>();
        services.AddCommand<RetroStartCommand>();
        services.AddPublishedDocuments(RetrospectiveDocuments.Kind);
        services.AddSingleton<IButtonHandler, RetroStartButton>();
        return services;
    }
}
