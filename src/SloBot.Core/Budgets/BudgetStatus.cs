namespace SloBot.Core.Budgets;

public enum BudgetStatus
{
    Healthy,
    Attention,
    Warning,
    Critical,
    Exhausted,
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

    public static string ToWord(this BudgetStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>Worse first: exhausted, critical, warning, attention, healthy.</summary>
    public static int Severity(this BudgetStatus status) => (int)status;
}
