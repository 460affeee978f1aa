namespace SloBot.Core.Budgets;

/// <summary>How a budget is moving, in the one vocabulary budget, status, summaries, the review and alerts share.</summary>
public enum BudgetTrend
{
    /// <summary>The design's page-level burn-rate rule is active.</summary>
    BurningFast,

    /// <summary>The 1 d or 3 d burn is above 1×, or the budget is spent or projected to run out within the window.</summary>
    Burning,

    /// <summary>None of the above.</summary>
    WithinBudget,

    /// <summary>No events over the window.</summary>
    NoData,
}

public static class BudgetTrends
{
    /// <summary>The one function that decides the trend words.</summary>
    public static BudgetTrend Trend(this ErrorBudget budget) =>
        !budget.HasData ? BudgetTrend.NoData
        : budget.PageBurnActive ? BudgetTrend.BurningFast
        : budget.BurnRateOver(SloWindow.OneDay) > 1 || budget.BurnRateOver(SloWindow.ThreeDays) > 1
          || budget.Status == BudgetStatus.Exhausted || budget.ProjectedExhaustion is not null ? BudgetTrend.Burning
        : BudgetTrend.WithinBudget;

    /// <summary>"burning fast", "burning", "within budget", "no data".</summary>
    public static string ToWords(this BudgetTrend trend) => trend switch
    {
        BudgetTrend.BurningFast => "burning fast",
        BudgetTrend.Burning => "burning",
        BudgetTrend.WithinBudget => "within budget",
        _ => "no data",
    };
}
