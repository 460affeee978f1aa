using SloBot.Core.Catalog;
using SloBot.Core.Sli;

namespace SloBot.Core.Budgets;

/// <summary>The error budget of one SLO at one instant (notes §2.2: B = 1 − objective, C = error ratio ÷ B, R = 1 − C).</summary>
public sealed record ErrorBudget(
    SloDefinition Slo,
    DateTimeOffset At,
    EventCounts Period,
    IReadOnlyList<BurnRate> BurnRates,
    BudgetStatus Status,
    DateTimeOffset? ProjectedExhaustion)
{
    /// <summary>The design's page-level burn-rate rule (both its windows above its factor) is active now.</summary>
    public bool PageBurnActive { get; init; }

    /// <summary>
    /// The share (0–1) of the window the SLI source has samples for, from the SLO's hourly history; null when the
    /// source gave no history or the window had no events.
    /// </summary>
    public double? Coverage { get; init; }

    /// <summary>
    /// Why the SLI source could not count this SLO (Prometheus refused its query, a latency threshold that is not a bucket
    /// boundary…), naming the SLO and its catalog file; null when it was counted. Such a budget has no data.
    /// </summary>
    public string? SourceError { get; init; }

    /// <summary>
    /// Where the figures were read: <see cref="SliReadSource.RecordingRules"/> or <see cref="SliReadSource.RawCounters"/>
    /// (Prometheus); null for sources that do not say (the embedded store) and for SLOs not counted.
    /// </summary>
    public string? Source { get; init; }

    /// <summary>Samples cover only part of the window (a new service, a gap in scraping): figures are over what exists.</summary>
    public bool PartlyCovered => Coverage is < 1;

    /// <summary>Good ÷ total over the SLO window; null when there were no events.</summary>
    public double? Sli => Period.HasEvents ? Period.Good / Period.Total : null;

    /// <summary>False when the window had no events: status no data, every budget figure null.</summary>
    public bool HasData => Period.HasEvents;

    /// <summary>Share of the budget used: error ratio ÷ (1 − target). Above 1 when overspent; null without data.</summary>
    public double? Consumed => HasData ? BudgetMath.Consumed(Period, Slo.Target) : null;

    /// <summary>1 − consumed; negative when overspent (not clamped, like Sloth and Pyrra); null without data.</summary>
    public double? Remaining => 1 - Consumed;

    /// <summary>
    /// The period counted: the rolling window ending now, or the calendar period from its start in its zone to now
    /// (<see cref="BudgetPeriod.ResetsAt"/> is when the budget starts again).
    /// </summary>
    public BudgetPeriod Span => Slo.PeriodAt(At);

    /// <summary>
    /// The whole budget as time of full outage over the window (99.9 % over 30 d = 43.2 minutes), or over the whole
    /// calendar period (a 31-day month: 44.64 minutes).
    /// </summary>
    public TimeSpan BudgetTime => BudgetMath.BudgetTime(Slo, At);

    /// <summary>For a time-slice SLO, the bad slices the whole period allows: (1 − target) × its slices (30 d of minutes at 99.9 %: 43.2); else null.</summary>
    public double? BudgetSlices => Slo.TimeSlices is { } t ? Slo.ErrorBudgetRatio * (Span.Length / t.Slice) : null;

    /// <summary>Remaining × budget time; negative when overspent; null without data.</summary>
    public TimeSpan? RemainingTime => Remaining is { } r ? TimeSpan.FromSeconds(r * BudgetTime.TotalSeconds) : null;

    /// <summary>The current burn: the lower of the 1 h and 6 h rates, so one noisy hour does not move projections.</summary>
    public double CurrentBurn => Math.Min(BurnRateOver(SloWindow.OneHour), BurnRateOver(SloWindow.SixHours));

    public double BurnRateOver(TimeSpan window) => BurnRates.FirstOrDefault(b => b.Window == window).Rate;
}

/// <summary>Error ratio over a window divided by the allowed error ratio; 1.0 spends exactly the budget over the SLO window.</summary>
public readonly record struct BurnRate(TimeSpan Window, double Rate);
