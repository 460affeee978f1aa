using SloBot.Core.Catalog;

namespace SloBot.Demo;

/// <summary>The services of <c>--demo</c>: a small shop whose budgets are in every state worth seeing.</summary>
internal static class DemoCatalog
{
    /// <summary>The console user owns the demo services, so owner-only actions can be tried in the terminal.</summary>
    public const string ConsoleUser = "console";

    public static IReadOnlyList<ServiceDefinition> Services { get; } =
    [
        Service("payment", "critical", "#payments", ["U0DEMOPAY1"], [], ("availability", 0.999), ("latency", 0.99)),
        Service("checkout", "critical", "#checkout", ["U0DEMOCHK1"], ["payment", "search", "inventory"], ("availability", 0.999)),
        Service("search", "essential", "#search", ["U0DEMOSRC1"], [], ("availability", 0.995), ("latency", 0.99)),
        Service("notifications", "standard", "#notifications", ["U0DEMONTF1"], [], ("delivery", 0.99)),
        Service("inventory", "essential", "#inventory", ["U0DEMOINV1"], [], ("availability", 0.995)),
    ];

    private static ServiceDefinition Service(string name, string tier, string channel, string[] owners, string[] dependencies, params (string Name, double Target)[] slos) =>
        new(
            name,
            slos.Select(s => new SloDefinition(name, s.Name, s.Target, TimeSpan.FromDays(30), SliQuery.EmbeddedOnly, $"Demo {s.Name} SLO of {name}", "demo")).ToArray(),
            tier,
            [.. owners, ConsoleUser],
            channel,
            dependencies,
            $"Demo {name} service");
}
