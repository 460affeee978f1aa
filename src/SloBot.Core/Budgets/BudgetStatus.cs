namespace SloBot.Core.Budgets;

public enum BudgetStatus
{
    Healthy,
    Attention,
    Warning,
    Critical,
    Exhausted,

    /// <summary>No events over the window: nothing is known, so it is never counted as healthy.</summary>
    NoData,
}

/// <summary>The status bands of the weekly review (seed 004, WeeklySLOReview._determine_status) plus "exhausted".</summary>
public static class BudgetStatusBands
{
    public const double Healthy = 0.50;
    public const double Attention = 0.20;
    public const double Warning = 0.10;

    /// <param name="remaining">Remaining budget as a share (1 = untouched, may be negative).</param>
    public static BudgetStatus Classify(double remaining) => remaining switch
    {
        <= 0 => BudgetStatus.Exhausted,
        >= Healthy => BudgetStatus.Healthy,
        >= Attention => BudgetStatus.Attention,
        >= Warning => BudgetStatus.Warning,
        _ => BudgetStatus.Critical,
    };

    /// <summary>
    /// The band of <paramref name="counts"/> decided on the counts themselves, in decimal: exhausted whenever
    /// bad ≥ (1 − target) × total, so a budget spent exactly is exhausted whatever the floating-point noise; no data
    /// when there were no events.
    /// </summary>
    public static BudgetStatus Classify(Sli.EventCounts counts, double target)
    {
        if (!counts.HasEvents)
            return BudgetStatus.NoData;
        decimal total, bad, allowed;
        try
        {
            total = (decimal)counts.Total;
            bad = Math.Max(0, total - (decimal)counts.Good);
            allowed = (1 - (decimal)target) * total;
        }
        catch (OverflowException)
        {
            return Classify(1 - (counts.ErrorRatio / (1 - target)));
        }

        if (bad >= allowed)
            return BudgetStatus.Exhausted;
        // remaining = 1 − bad ÷ allowed ≥ band  ⇔  bad ≤ (1 − band) × allowed
        return bad <= (1 - (decimal)Healthy) * allowed ? BudgetStatus.Healthy
            : bad <= (1 - (decimal)Attention) * allowed ? BudgetStatus.Attention
            : bad <= (1 - (decimal)Warning) * allowed ? BudgetStatus.Warning
            : BudgetStatus.Critical;
    }

    /// <summary>healthy, attention, warning, critical, exhausted, nodata (the JSON and chat spelling).</summary>
    public static string ToWord(this BudgetStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>Worse first: exhausted, critical, warning, attention, healthy; no data ranks as the worst (unknown is never safe).</summary>
    public static int Severity(this BudgetStatus status) => (int)status;

    /// <summary>True when the window had data: every band but <see cref="BudgetStatus.NoData"/>.</summary>
    public static bool HasData(this BudgetStatus status) => status != BudgetStatus.NoData;
}
