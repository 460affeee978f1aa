using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SloBot.Chat.ActionItems;
using SloBot.Chat.Capabilities;
using SloBot.Chat.Commands;
using SloBot.Chat.Conversations;
using SloBot.Chat.Documents;
using SloBot.Chat.Retrospectives;

namespace SloBot.Chat.Planning;

public static class PlanningServiceCollectionExtensions
{
    /// <summary>
    /// <c>/slo plan [quarter]</c> and <c>/slo plan start|list|resume|export</c> (seed 004 §Quarterly SLO Planning; the flow
    /// needs <c>AddSloBotConversations</c>). Reads the SLI source, published retrospectives (adds that capability) and open
    /// action items; plans are published through the published-document capability (<see cref="PlanDocuments"/>). Store contract: <see cref="IPlanStore"/> (memory unless SloBot.Storage fulfils it).
    /// </summary>
    public static IServiceCollection AddPlanning(this IServiceCollection services)
    {
        if (!services.TryAddCapability<PlanCommand>())
            return services;
        services.AddActionItems();
        services.AddRetrospectives();
        services.TryAddSingleton<IPlanStore, InMemoryPlanStore>();
        services.AddSingleton<QuarterPlanReader>();
        services.AddCommand<PlanCommand>();
        services.AddConversationFlow<PlanFlow>();
        services.AddCommand<PlanStartCommand>();
        services.AddPublishedDocuments(PlanDocuments.Kind);
        return services;
    }
}
