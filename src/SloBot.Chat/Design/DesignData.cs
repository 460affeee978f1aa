using SloBot.Core.Budgets;
using SloBot.Core.Design;
using SloBot.Core.Tiers;

namespace SloBot.Chat.Design;

/// <summary>
/// The <c>--json</c> form of <c>/slo design</c>: the specification as data (docs/tiers-and-design.md). Targets and budgets of
/// SLOs are ratios (0–1), tier availability and dependency limits percent, durations seconds, windows also as "30d".
/// </summary>
public sealed record DesignData(
    string Service,
    bool InCatalog,
    string Tier,
    string TierSource,
    DesignContextData ServiceContext,
    IReadOnlyList<SliCandidate> SliCandidates,
    TierTargetsForDesign SloTargets,
    IReadOnlyList<DesignSloData> Slos,
    IReadOnlyList<BurnRateAlertData> BurnRateAlerts,
    MeasurementData MeasurementStrategy,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<string> Files)
{
    public static DesignData From(SloSpecification s, IReadOnlyList<string> files) => new(
        s.Service,
        s.InCatalog,
        s.Tier.ToWord(),
        s.TierSource,
        new DesignContextData(s.Profile.Description,
            s.Dependencies.Dependencies.Select(d => new DependencyData(d.Service, d.AvailabilityPercent, d.Source)).ToArray(),
            s.Dependencies.AvailabilityPercent),
        s.SliCandidates,
        new TierTargetsForDesign(s.Profile.AvailabilityPercent, s.Profile.LatencyP99Ms, s.Profile.ErrorRateMax, SloWindow.Format(SloDesigner.Window), "rolling"),
        s.Slos.Select(DesignSloData.From).ToArray(),
        s.BurnRateAlerts.Select(a => new BurnRateAlertData(a.Severity, SloWindow.Format(a.LongWindow), SloWindow.Format(a.ShortWindow),
            a.LongWindow.TotalSeconds, a.ShortWindow.TotalSeconds, a.Factor, a.BudgetConsumed, a.TimeToExhaustion(SloDesigner.Window).TotalSeconds)).ToArray(),
        new MeasurementData(s.Measurement.DataSources, s.Measurement.CollectionInterval.TotalSeconds,
            s.Measurement.AggregationWindows.Select(SloWindow.Format).ToArray(), s.Measurement.StorageRetention.TotalDays,
            s.Measurement.DashboardUid, s.Measurement.AlertDestinations),
        s.Warnings,
        files);
}

/// <param name="DependencyAvailabilityLimit">Percent: the product of the known synchronous dependencies' availabilities, or null.</param>
public sealed record DesignContextData(string TierDescription, IReadOnlyList<DependencyData> Dependencies, double? DependencyAvailabilityLimit);

/// <param name="Availability">Percent, or null when unknown.</param>
public sealed record DependencyData(string Service, double? Availability, string Source);

/// <param name="Availability">Percent.</param>
/// <param name="LatencyP99Ms">Milliseconds.</param>
/// <param name="ErrorRateMax">Ratio.</param>
public sealed record TierTargetsForDesign(double Availability, double LatencyP99Ms, double ErrorRateMax, string Window, string Type);

/// <param name="CatalogTarget">The catalog SLO's target (ratio) when it differs from the tier's, else null.</param>
/// <param name="TierTarget">The tier's target (ratio) when it differs from the catalog's, else null.</param>
/// <param name="BudgetDifferenceMinutes">Allowed bad minutes over 30 days of the designed target minus the other one's; null unless they differ.</param>
public sealed record DesignSloData(
    string Name,
    string DisplayName,
    double Target,
    string Window,
    double WindowSeconds,
    double ErrorBudget,
    double AllowedBadSeconds,
    bool QueriesFromCatalog,
    string QueryKind,
    string? Good,
    string? Bad,
    string Total,
    double? CatalogTarget,
    double? TierTarget,
    double? BudgetDifferenceMinutes)
{
    public static DesignSloData From(DesignedSlo s) => new(
        s.Name, s.DisplayName, s.Definition.Target, SloWindow.Format(s.Definition.Window), s.Definition.Window.TotalSeconds,
        s.ErrorBudget, Math.Round(s.AllowedBadTime.TotalSeconds, 3), s.QueriesFromCatalog,
        s.Definition.Indicator.Kind == Core.Catalog.SliQueryKind.Counter ? "counter" : "window_template",
        s.Definition.Indicator.Good, s.Definition.Indicator.Bad, s.Definition.Indicator.Total,
        s.CatalogTarget, s.TierTarget, s.BudgetDifference is { } d ? Math.Round(d.TotalMinutes, 3) : null);
}

/// <param name="BudgetConsumed">Share of the 30-day budget spent when the alert fires (0.02 = 2 %).</param>
/// <param name="TimeToExhaustionSeconds">How long a full budget lasts at the factor's burn rate.</param>
public sealed record BurnRateAlertData(string Severity, string LongWindow, string ShortWindow, double LongWindowSeconds, double ShortWindowSeconds,
    double Factor, double BudgetConsumed, double TimeToExhaustionSeconds);

public sealed record MeasurementData(IReadOnlyList<string> DataSources, double CollectionIntervalSeconds, IReadOnlyList<string> AggregationWindows,
    double StorageRetentionDays, string DashboardUid, IReadOnlyList<string> AlertDestinations);
