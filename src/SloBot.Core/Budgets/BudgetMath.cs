using SloBot.Core.Catalog;
using SloBot.Core.Sli;

namespace SloBot.Core.Budgets;

/// <summary>The budget formulas, each once (notes §2.2).</summary>
public static class BudgetMath
{
    public static double Consumed(EventCounts counts, double target) => counts.ErrorRatio / (1 - target);

    public static double BurnRate(EventCounts counts, double target) => counts.ErrorRatio / (1 - target);

    /// <summary>The whole budget as time of full outage over the period containing <paramref name="now"/>: (1 − target) × its length.</summary>
    public static TimeSpan BudgetTime(SloDefinition slo, DateTimeOffset now) => TimeSpan.FromSeconds(slo.ErrorBudgetRatio * slo.PeriodAt(now).Length.TotalSeconds);

    /// <summary>
    /// When the remaining budget runs out at <paramref name="burnRate"/>: R × window ÷ BR. Null when the budget is
    /// already spent, when the burn is below 1× (on a rolling window the errors leaving outpace the new ones: it never
    /// exhausts), and when it would not happen within one window length. Given to the hour (floored), so two runs a
    /// minute apart with no new errors give the same date.
    /// </summary>
    public static DateTimeOffset? ProjectExhaustion(double remaining, double burnRate, TimeSpan window, DateTimeOffset now)
    {
        if (!(burnRate >= 1) || !(remaining > 0) || !double.IsFinite(burnRate))
            return null;
        var seconds = remaining * window.TotalSeconds / burnRate;
        if (seconds > window.TotalSeconds)
            return null;
        var at = now + TimeSpan.FromSeconds(seconds);
        return new DateTimeOffset(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);
    }

    /// <summary>
    /// When the budget of a calendar period runs out at <paramref name="burnRate"/>, or null when it does not before the
    /// period resets. The budget of a calendar period is counted on its events so far, so with steady traffic it runs out
    /// when the period's error ratio reaches 1 − target: after R × elapsed ÷ (BR − 1) (a burn at or below 1× never gets
    /// there). Given to the hour (floored), like <see cref="ProjectExhaustion"/>.
    /// </summary>
    public static DateTimeOffset? ProjectCalendarExhaustion(double remaining, double burnRate, BudgetPeriod period)
    {
        if (period.ResetsAt is not { } reset || !(burnRate > 1) || !(remaining > 0) || !double.IsFinite(burnRate))
            return null;
        var seconds = remaining * period.Elapsed.TotalSeconds / (burnRate - 1);
        if (!(seconds < (reset - period.Now).TotalSeconds))
            return null;
        var at = period.Now + TimeSpan.FromSeconds(seconds);
        return new DateTimeOffset(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);
    }

    /// <summary>Computes the budget of <paramref name="slo"/> from the counts a source returned.</summary>
    /// <param name="counts">Must hold every window of <see cref="WindowsFor"/>.</param>
    public static ErrorBudget Evaluate(SloDefinition slo, SliCounts counts, DateTimeOffset now)
    {
        if (counts.FailureOf(slo.Id) is { } failure)
            return Failed(slo, now, failure);
        var span = slo.PeriodAt(now);
        var period = counts.Get(slo.Id, span.CountWindow);
        var burnRates = SloWindow.BurnRateWindows
            .Select(w => new BurnRate(w, BurnRate(counts.Get(slo.Id, w), slo.Target)))
            .ToArray();
        var status = BudgetStatusBands.Classify(period, slo.Target);
        var remaining = 1 - Consumed(period, slo.Target);
        var current = Math.Min(burnRates[0].Rate, burnRates[1].Rate); // the lower of 1 h and 6 h: "the current burn"
        return new ErrorBudget(
            slo,
            now,
            period,
            burnRates,
            status,
            status is BudgetStatus.NoData or BudgetStatus.Exhausted ? null
                : span.IsCalendar ? ProjectCalendarExhaustion(remaining, current, span)
                : ProjectExhaustion(remaining, current, slo.Window, now))
        {
            PageBurnActive = status != BudgetStatus.NoData && Design.BurnRateEvaluation.Evaluate(slo, counts).Severity == "page",
            SourceError = counts.FailureOf(slo.Id),
            Source = counts.SourceOf(slo.Id),
        };
    }

    /// <summary>An SLO the source could not count: no data, no figures, and why (<see cref="ErrorBudget.SourceError"/>).</summary>
    public static ErrorBudget Failed(SloDefinition slo, DateTimeOffset now, string failure) =>
        Evaluate(slo, new SliCounts(), now) with { SourceError = failure, PageBurnActive = false, Source = null };

    /// <summary>
    /// Marks every SLO of <paramref name="slos"/> whose counts for its window or a burn-rate window are impossible
    /// (<see cref="Impossibility"/>) as failed in <paramref name="counts"/>, naming the SLO, the window and the value:
    /// that SLO is an SLI-source failure, the others are counted as usual.
    /// </summary>
    public static void FailImpossible(IEnumerable<SloDefinition> slos, SliCounts counts, DateTimeOffset now)
    {
        foreach (var slo in slos.Where(s => counts.FailureOf(s.Id) is null))
        {
            foreach (var window in WindowsFor([slo], now))
            {
                if (Impossibility(counts.Get(slo.Id, window)) is { } problem)
                {
                    counts.Fail(slo.Id, ImpossibleValue(slo, window, problem));
                    break;
                }
            }
        }
    }

    /// <summary>The failure text of an impossible value.</summary>
    public static string ImpossibleValue(SloDefinition slo, TimeSpan window, string problem) =>
        $"The SLI source gave an impossible value for {slo.Id} over {SloWindow.Format(window)}: {problem}. Check its SLI queries; SloBot shows no budget from such counts.";

    /// <summary>
    /// Why counts from a source are impossible (NaN, ±Inf, negative, good &gt; total), or null when they are fine.
    /// Such counts are a failure of the SLI source, never a budget.
    /// </summary>
    public static string? Impossibility(EventCounts counts)
    {
        if (!double.IsFinite(counts.Total))
            return $"total = {counts.Total.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        if (!double.IsFinite(counts.Good))
            return $"good = {counts.Good.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        if (counts.Total < 0)
            return $"a negative total ({counts.Total.ToString(System.Globalization.CultureInfo.InvariantCulture)})";
        if (counts.Good < 0)
            return $"a negative good count ({counts.Good.ToString(System.Globalization.CultureInfo.InvariantCulture)})";
        return counts.Good > counts.Total * (1 + 1e-9)
            ? $"more good events than total ({counts.Good.ToString(System.Globalization.CultureInfo.InvariantCulture)} > {counts.Total.ToString(System.Globalization.CultureInfo.InvariantCulture)})"
            : null;
    }

    /// <summary>
    /// Every window a budget at <paramref name="now"/> needs for <paramref name="slos"/>: their SLO windows (a calendar
    /// period's time so far) and the burn-rate windows.
    /// </summary>
    public static IReadOnlyList<TimeSpan> WindowsFor(IEnumerable<SloDefinition> slos, DateTimeOffset now)
    {
        var list = slos.ToArray();
        return list.Select(s => s.CountWindowAt(now)).Concat(SloWindow.BurnRateWindows).Concat(Design.BurnRateEvaluation.Windows(list)).Distinct().Order().ToArray();
    }
}
