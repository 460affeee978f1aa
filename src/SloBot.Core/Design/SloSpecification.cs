using SloBot.Core.Catalog;
using SloBot.Core.Tiers;

namespace SloBot.Core.Design;

/// <summary>What <see cref="SloDesigner"/> needs: the service, its tier and where the tier came from, and its dependencies.</summary>
/// <param name="TierSource">"option", "adopted" or "catalog": shown so people know why this tier.</param>
/// <param name="CatalogService">The catalog's entry, or null for a service that is not in the catalog yet.</param>
public sealed record DesignRequest(string Service, ServiceTier Tier, string TierSource, ServiceDefinition? CatalogService, IReadOnlyList<DependencySlo> Dependencies);

/// <summary>Seed 000 §8.1 <c>design_slo_framework</c>: the SLO specification of one service.</summary>
public sealed record SloSpecification(
    string Service,
    bool InCatalog,
    ServiceTier Tier,
    string TierSource,
    TierProfile Profile,
    DependencyLimit Dependencies,
    IReadOnlyList<SliCandidate> SliCandidates,
    IReadOnlyList<DesignedSlo> Slos,
    IReadOnlyList<BurnRateAlert> BurnRateAlerts,
    MeasurementStrategy Measurement,
    IReadOnlyList<string> Warnings)
{
    public DesignedSlo Availability => Slos[0];
}

/// <summary>One designed SLO with its error budget.</summary>
/// <param name="ErrorBudget">1 − target, computed in decimal so 99.95 % gives exactly 0.0005.</param>
/// <param name="AllowedBadTime">Full-outage time the budget allows over the window.</param>
/// <param name="QueriesFromCatalog">True when the SLI queries are the catalog's; false when they are SloBot's defaults to adapt.</param>
public sealed record DesignedSlo(SloDefinition Definition, string DisplayName, double ErrorBudget, TimeSpan AllowedBadTime, bool QueriesFromCatalog)
{
    public string Name => Definition.Name;

    /// <summary>Sloth's <c>sloth_id</c>: <c>&lt;service&gt;-&lt;slo&gt;</c>.</summary>
    public string Id => $"{Definition.Service}-{Definition.Name}";
}

/// <summary>Seed 000 §8.1 <c>_design_measurement_strategy</c>.</summary>
public sealed record MeasurementStrategy(
    IReadOnlyList<string> DataSources,
    TimeSpan CollectionInterval,
    IReadOnlyList<TimeSpan> AggregationWindows,
    TimeSpan StorageRetention,
    string DashboardUid,
    IReadOnlyList<string> AlertDestinations);
