using SloBot.Core.Catalog;
using SloBot.Core.Sli;

namespace SloBot.Core.Budgets;

/// <summary>The budget formulas, each once (notes §2.2).</summary>
public static class BudgetMath
{
    public static double Consumed(EventCounts counts, double target) => counts.ErrorRatio / (1 - target);

    public static double BurnRate(EventCounts counts, double target) => counts.ErrorRatio / (1 - target);

    public static TimeSpan BudgetTime(SloDefinition slo) => TimeSpan.FromSeconds(slo.ErrorBudgetRatio * slo.Window.TotalSeconds);

    /// <summary>
    /// When the remaining budget runs out at <paramref name="burnRate"/>: R × window ÷ BR, a linear extrapolation.
    /// Null when the budget is not burning or is already spent.
    /// </summary>
    public static DateTimeOffset? ProjectExhaustion(double remaining, double burnRate, TimeSpan window, DateTimeOffset now)
    {
        if (burnRate <= 0 || remaining <= 0 || double.IsNaN(burnRate))
            return null;
        var seconds = remaining * window.TotalSeconds / burnRate;
        return seconds >= TimeSpan.MaxValue.TotalSeconds / 2 ? null : now + TimeSpan.FromSeconds(seconds);
    }

    /// <summary>Computes the budget of <paramref name="slo"/> from the counts a source returned.</summary>
    /// <param name="counts">Must hold the SLO window and every window of <see cref="SloWindow.BurnRateWindows"/>.</param>
    public static ErrorBudget Evaluate(SloDefinition slo, SliCounts counts, DateTimeOffset now)
    {
        var period = counts.Get(slo.Id, slo.Window);
        var burnRates = SloWindow.BurnRateWindows
            .Select(w => new BurnRate(w, BurnRate(counts.Get(slo.Id, w), slo.Target)))
            .ToArray();
        var remaining = 1 - Consumed(period, slo.Target);
        var current = burnRates[0].Rate; // the 1 h burn rate is "the current burn rate"
        return new ErrorBudget(
            slo,
            now,
            period,
            burnRates,
            BudgetStatusBands.Classify(remaining),
            ProjectExhaustion(remaining, current, slo.Window, now));
    }

    /// <summary>Every window a budget needs for <paramref name="slos"/>: their SLO windows and the burn-rate windows.</summary>
    public static IReadOnlyList<TimeSpan> WindowsFor(IEnumerable<SloDefinition> slos) =>
        slos.Select(s => s.Window).Concat(SloWindow.BurnRateWindows).Distinct().Order().ToArray();
}
