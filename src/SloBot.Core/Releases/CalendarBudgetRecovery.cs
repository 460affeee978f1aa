using SloBot.Core.Budgets;
using SloBot.Core.Catalog;
using SloBot.Core.Sli;

namespace SloBot.Core.Releases;

/// <summary>
/// When the budget of a calendar period returns to better bands. Its budget is counted on the period's events so far,
/// so nothing ages out: with traffic at the period's mean rate r and new errors at <c>burn</c> × (1 − target), the
/// remaining share after t is 1 − (bad + burn·B·r·t) ÷ (B·(total + r·t)), and band m (remaining ≥ m) is reached after
/// t = (bad − (1 − m)·B·total) ÷ (B·r·((1 − m) − burn)). At the reset the whole budget is back, whatever happened.
/// </summary>
public static class CalendarBudgetRecovery
{
    private static readonly (BudgetStatus Status, double Floor)[] Bands =
    [
        (BudgetStatus.Critical, 0),
        (BudgetStatus.Warning, BudgetStatusBands.Warning),
        (BudgetStatus.Attention, BudgetStatusBands.Attention),
        (BudgetStatus.Healthy, BudgetStatusBands.Healthy),
    ];

    /// <summary>The first instant each band better than <paramref name="current"/> is reached, best band last; the reset at the latest.</summary>
    public static IReadOnlyList<BudgetRecovery> Project(EventCounts period, BudgetPeriod span, double target, BudgetStatus current, double burn = 0)
    {
        if (span.ResetsAt is not { } reset || current == BudgetStatus.NoData || !period.HasEvents || span.Elapsed <= TimeSpan.Zero)
            return [];
        var allowed = 1 - target;
        var rate = period.Total / span.Elapsed.TotalSeconds;
        var found = new List<BudgetRecovery>();
        foreach (var (status, floor) in Bands.Where(b => b.Status.Severity() < current.Severity()))
        {
            var excess = period.Bad - ((1 - floor) * allowed * period.Total);
            var speed = allowed * rate * ((1 - floor) - burn);
            // Whole seconds, never earlier than the band is reached (less a microsecond of floating-point noise).
            var seconds = excess <= 0 ? 0 : speed > 0 ? Math.Ceiling((excess / speed) - 1e-6) : double.PositiveInfinity;
            var recovery = seconds < (reset - span.Now).TotalSeconds
                ? new BudgetRecovery(status, span.Now + TimeSpan.FromSeconds(seconds), Remaining(period, allowed, rate, burn, seconds), null)
                : new BudgetRecovery(BudgetStatus.Healthy, reset, 1, null);
            if (found.Count > 0 && found[^1].At >= recovery.At)
                found[^1] = recovery; // the same instant as the worse band: keep the better one
            else
                found.Add(recovery);
            if (recovery.At == reset)
                break;
        }

        return found;
    }

    private static double Remaining(EventCounts period, double allowed, double rate, double burn, double seconds) =>
        1 - ((period.Bad + (burn * allowed * rate * seconds)) / (allowed * (period.Total + (rate * seconds))));
}
