using SloBot.Core.Budgets;
using SloBot.Core.Catalog;

namespace SloBot.Chat.Budgets;

/// <summary>
/// The <c>--json</c> contract of a budget reply (README, "JSON output"). Ratios are 0–1, times ISO-8601 UTC. Without
/// events in the window: status "nodata", and sli, errorBudget, burnRates and projectedExhaustion null. A calendar SLO
/// (windowKind "calendar") counts from periodStart to now and resets at resetsAt; windowSeconds is its whole period.
/// </summary>
public sealed record BudgetSloData(
    string Service,
    string Slo,
    double Target,
    string Window,
    double WindowSeconds,
    string WindowKind,
    DateTimeOffset PeriodStart,
    DateTimeOffset? ResetsAt,
    string BudgetingMethod,
    double? TimeSliceSeconds,
    double? Sli,
    double GoodEvents,
    double TotalEvents,
    ErrorBudgetData? ErrorBudget,
    IReadOnlyDictionary<string, double>? BurnRates,
    string Status,
    string Trend,
    DateTimeOffset? ProjectedExhaustion)
{
    public static BudgetSloData From(ErrorBudget b) => new(
        b.Slo.Service,
        b.Slo.Name,
        b.Slo.Target,
        b.Slo.WindowText(),
        b.Span.Length.TotalSeconds,
        b.Slo.WindowKind(),
        b.Span.Start.ToUniversalTime(),
        b.Span.ResetsAt?.ToUniversalTime(),
        b.Slo.BudgetingMethod(),
        b.Slo.TimeSlices?.Slice.TotalSeconds,
        b.Sli,
        b.Period.Good,
        b.Period.Total,
        b.HasData ? new ErrorBudgetData(b.Consumed!.Value, b.Remaining!.Value, b.RemainingTime!.Value.TotalSeconds, b.BudgetSlices, b.Remaining * b.BudgetSlices) : null,
        b.HasData ? b.BurnRates.ToDictionary(r => SloWindow.Format(r.Window), r => r.Rate) : null,
        b.Status.ToWord(),
        b.Trend().ToWords(),
        b.ProjectedExhaustion?.ToUniversalTime())
    {
        Coverage = b.Coverage,
        SourceError = b.SourceError,
        Source = b.Source,
    };

    /// <summary>"recording rules" or "raw counters" (Prometheus: docs/prometheus.md, "Recording rules"); null for the embedded store and SLOs not counted.</summary>
    public string? Source { get; init; }

    /// <summary>Why the SLI source could not count this SLO (its query refused, with Prometheus' message); null when it was counted.</summary>
    public string? SourceError { get; init; }

    /// <summary>Share (0–1) of the window with samples; null when the source gave no history or for nodata.</summary>
    public double? Coverage { get; init; }
}

/// <summary>
/// Shares of the budget (remaining may be negative) and the remaining budget in seconds of full outage; for a time-slice
/// SLO also the whole budget and what is left in slices (bad slices allowed: (1 − target) × slices in the period).
/// </summary>
public sealed record ErrorBudgetData(double Consumed, double Remaining, double RemainingSeconds, double? BudgetSlices = null, double? RemainingSlices = null);
