using SloBot.Core.Catalog;
using SloBot.Core.Tiers;

namespace SloBot.Core.Design;

/// <summary>What <see cref="SloDesigner"/> needs: the service, its tier and where the tier came from, and its dependencies.</summary>
/// <param name="TierSource">"option", "adopted" or "catalog": shown so people know why this tier.</param>
/// <param name="CatalogService">The catalog's entry, or null for a service that is not in the catalog yet.</param>
/// <param name="TierTargets">
/// False (the default): an SLO already in the catalog keeps its target, the one budgets and releases use, and the tier's
/// target is a proposal beside it; true (<c>targets=tier</c>): the tier's target is designed.
/// </param>
public sealed record DesignRequest(string Service, ServiceTier Tier, string TierSource, ServiceDefinition? CatalogService, IReadOnlyList<DependencySlo> Dependencies, bool TierTargets = false);

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
/// <param name="CatalogTarget">The catalog SLO's target when it differs from the tier's, else null.</param>
/// <param name="TierTarget">The tier's target when it differs from the catalog's, else null.</param>
public sealed record DesignedSlo(SloDefinition Definition, string DisplayName, double ErrorBudget, TimeSpan AllowedBadTime, bool QueriesFromCatalog,
    double? CatalogTarget = null, double? TierTarget = null)
{
    /// <summary>The designed target's allowed bad time minus the other one's over the window (positive: the design allows more).</summary>
    public TimeSpan? BudgetDifference => (CatalogTarget, TierTarget) is ({ } catalog, { } tier)
        ? Definition.Window * (double)((1m - (decimal)Definition.Target) - (1m - (decimal)(Definition.Target == catalog ? tier : catalog)))
        : null;

    /// <summary>The target this design did not use: the tier's proposal, or the catalog's target under <c>targets=tier</c>.</summary>
    public double? OtherTarget => (CatalogTarget, TierTarget) is ({ } catalog, { } tier) ? (Definition.Target == catalog ? tier : catalog) : null;

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
