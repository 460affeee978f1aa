namespace SloBot.Core.Design;

/// <summary>
/// One multi-window burn-rate alert: fires when the error ratio is above <see cref="Factor"/> × budget over
/// both windows. Seed 000 §8.1 <c>_generate_burn_rate_thresholds</c> gives 1 h × 14.4 (page) and 6 h × 6
/// (ticket); the short windows and the 1 d × 3 and 3 d × 1 rows are the SRE Workbook's table (notes §2.1).
/// </summary>
/// <param name="Severity"><c>page</c> or <c>ticket</c>.</param>
/// <param name="BudgetConsumed">Share of the period's budget spent when it fires (0.02 = 2 %).</param>
public sealed record BurnRateAlert(string Severity, TimeSpan LongWindow, TimeSpan ShortWindow, double Factor, double BudgetConsumed)
{
    /// <summary>How long a full budget lasts at this burn rate: period ÷ factor.</summary>
    public TimeSpan TimeToExhaustion(TimeSpan period) => period / Factor;
}

public static class BurnRateAlerts
{
    /// <summary>The four pairs for a 30-day period, most urgent first.</summary>
    public static IReadOnlyList<BurnRateAlert> ThirtyDay { get; } =
    [
        new("page", TimeSpan.FromHours(1), TimeSpan.FromMinutes(5), 14.4, 0.02),
        new("ticket", TimeSpan.FromHours(6), TimeSpan.FromMinutes(30), 6, 0.05),
        new("ticket", TimeSpan.FromDays(1), TimeSpan.FromHours(2), 3, 0.10),
        new("ticket", TimeSpan.FromDays(3), TimeSpan.FromHours(6), 1, 0.10),
    ];

    /// <summary>The same budget shares for another period: factor = share × period ÷ long window (Sloth's rule).</summary>
    public static IReadOnlyList<BurnRateAlert> For(TimeSpan period) => ThirtyDay
        .Select(a => a with { Factor = Math.Round(a.BudgetConsumed * period.TotalHours / a.LongWindow.TotalHours, 4) })
        .ToArray();

    /// <summary>Every window any alert reads, shortest first (5m, 30m, 1h, 2h, 6h, 1d, 3d).</summary>
    public static IReadOnlyList<TimeSpan> Windows(IEnumerable<BurnRateAlert> alerts) =>
        alerts.SelectMany(a => new[] { a.ShortWindow, a.LongWindow }).Distinct().Order().ToArray();
}
