using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SloBot.Chat.ActionItems;
using SloBot.Chat.Capabilities;
using SloBot.Chat.Commands;
using SloBot.Chat.Conversations;
using SloBot.Chat.Documents;
using SloBot.Chat.Retrospectives;
using SloBot.Core.Catalog;

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
        services.AddSingleton<ApprovedTargets>();
        OverlayCatalog(services);
        return services;
    }

    /// <summary>
    /// Approved targets overlay the catalog (<see cref="PlannedSloCatalog"/>) for every reader of <see cref="ISloCatalog"/>:
    /// wraps the catalog registered before <c>AddPlanning</c> (the host registers it first).
    /// </summary>
    private static void OverlayCatalog(IServiceCollection services)
    {
        if (services.LastOrDefault(d => d.ServiceType == typeof(ISloCatalog)) is not { } existing)
            return;
        services.Remove(existing);
        services.AddSingleton<ISloCatalog>(sp => new PlannedSloCatalog(Create(sp, existing), sp.GetRequiredService<ApprovedTargets>(), sp.GetRequiredService<TimeProvider>()));
    }

    private static ISloCatalog Create(IServiceProvider sp, ServiceDescriptor d) => d switch
    {
        { ImplementationInstance: ISloCatalog instance } => instance,
        { ImplementationFactory: { } factory } => (ISloCatalog)factory(sp),
        _ => (ISloCatalog)ActivatorUtilities.CreateInstance(sp, d.ImplementationType!),
    };
}
