namespace SloBot.Core.Budgets;

/// <summary>
/// Where a budget stands, in the one vocabulary of status words every command and summary shares (budget, status,
/// release, summaries, the weekly review, alerts). Worst first.
/// </summary>
public enum BudgetStanding
{
    /// <summary>Nothing left: bad ≥ (1 − target) × total.</summary>
    Exhausted,

    /// <summary>Under half the budget left (attention, warning, critical), or more but burning fast or projected to run out within the window.</summary>
    AtRisk,

    /// <summary>No events over the window: unknown is never healthy.</summary>
    NoData,

    /// <summary>At least half the budget left, no page-level burn and no exhaustion projected within the window.</summary>
    Healthy,
}

public static class BudgetStandings
{
    /// <summary>
    /// The one function that decides the status group: a budget is never called healthy while its page-level burn is
    /// active or its exhaustion is projected within the window.
    /// </summary>
    public static BudgetStanding Standing(this ErrorBudget budget) => budget.Status switch
    {
        BudgetStatus.NoData => BudgetStanding.NoData,
        BudgetStatus.Exhausted => BudgetStanding.Exhausted,
        BudgetStatus.Healthy when budget.Trend() == BudgetTrend.BurningFast || budget.ProjectedExhaustion is not null => BudgetStanding.AtRisk,
        BudgetStatus.Healthy => BudgetStanding.Healthy,
        _ => BudgetStanding.AtRisk,
    };

    /// <summary>"exhausted", "at risk", "no data", "healthy".</summary>
    public static string ToWords(this BudgetStanding standing) => standing switch
    {
        BudgetStanding.Exhausted => "exhausted",
        BudgetStanding.AtRisk => "at risk",
        BudgetStanding.NoData => "no data",
        _ => "healthy",
    };

    /// <summary>"exhausted", "atRisk", "noData", "healthy": the --json spelling.</summary>
    public static string ToKey(this BudgetStanding standing) => standing switch
    {
        BudgetStanding.Exhausted => "exhausted",
        BudgetStanding.AtRisk => "atRisk",
        BudgetStanding.NoData => "noData",
        _ => "healthy",
    };

    /// <summary>The status band as a person reads it: "healthy", "attention", "warning", "critical", "exhausted", "no data".</summary>
    public static string ToWords(this BudgetStatus status) => status == BudgetStatus.NoData ? "no data" : status.ToWord();

    /// <summary>A service's worst budget: by standing (exhausted, at risk, no data, healthy), then least left.</summary>
    public static ErrorBudget Worst(this IEnumerable<ErrorBudget> budgets) =>
        budgets.OrderBy(b => b.Standing()).ThenBy(b => b.Status == BudgetStatus.NoData ? double.NegativeInfinity : b.Remaining).First();
}
