using SloBot.Core.Catalog;
using SloBot.Core.Design;
using SloBot.Core.Tiers;

namespace SloBot.Core.Tests.Design;

internal static class DesignKit
{
    public static ServiceDefinition Payment { get; } = new(
        "payment", [], Tier: "essential", Owners: ["U1", "U2"], Channel: "#payment-oncall", Dependencies: ["database", "cache"], Description: "Takes payments");

    public static SloSpecification Critical(ServiceDefinition? service = null) => SloDesigner.Design(new DesignRequest(
        "payment", ServiceTier.Critical, "option", service ?? Payment,
        [new DependencySlo("database", 99.95, "SLO availability"), new DependencySlo("cache", 99.99, "tier critical")]));
}
