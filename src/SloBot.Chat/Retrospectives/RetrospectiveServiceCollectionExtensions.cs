using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SloBot.Chat.ActionItems;
using SloBot.Chat.Capabilities;
using SloBot.Chat.Commands;
using SloBot.Chat.Conversations;

namespace SloBot.Chat.Retrospectives;

public static class RetrospectiveServiceCollectionExtensions
{
    /// <summary>
    /// <c>/slo retro start|list|resume|export</c> and the retrospective flow (needs <c>AddSloBotConversations</c>);
    /// adds action items, which a retrospective publishes. Store contract: <see cref="IRetrospectiveStore"/>.
    /// </summary>
    public static IServiceCollection AddRetrospectives(this IServiceCollection services)
    {
        if (!services.TryAddCapability<RetroFlow>())
            return services;
        services.AddActionItems();
        services.TryAddSingleton<IRetrospectiveStore, InMemoryRetrospectiveStore>();
        services.AddConversationFlow<RetroFlow>();
        services.AddCommand<RetroStartCommand>();
        services.AddCommand<RetroListCommand>();
        services.AddCommand<RetroResumeCommand>();
        services.AddCommand<RetroExportCommand>();
        return services;
    }
}
