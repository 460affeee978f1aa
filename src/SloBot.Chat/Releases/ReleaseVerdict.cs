using SloBot.Core.Budgets;
using SloBot.Core.Releases;

namespace SloBot.Chat.Releases;

/// <summary>
/// The verdict over every SLO of a service: the seed's matrix on the worst SLO with data, then what the matrix does not
/// see. An SLO without data makes it at least <c>review</c> with the condition to check the SLI queries (no data is
/// never an untouched budget); an active page-level burn adds the condition to wait for it to stop, and with
/// <c>SloBot:Releases:FreezeWhileBurning</c> makes it at least <c>defer</c>.
/// </summary>
internal sealed record ReleaseVerdict(ErrorBudget Worst, BudgetStatus Status, ReleaseAction Action, IReadOnlyList<ReleaseCondition> Conditions)
{
    public static ReleaseVerdict Decide(IReadOnlyList<ErrorBudget> budgets, RiskLevel risk, bool freezeWhileBurning)
    {
        var withData = budgets.Where(b => b.HasData).OrderBy(b => b.Remaining).ToArray();
        var noData = budgets.FirstOrDefault(b => !b.HasData);
        var cell = withData.Length > 0 ? DecisionMatrix.Decide(withData[0].Status, risk) : new MatrixCell(ReleaseAction.Review, []);
        var action = cell.Action;
        var conditions = cell.Conditions.ToList();
        var worst = withData.Length > 0 ? withData[0] : noData!;
        var status = worst.Status;
        if (noData is not null)
        {
            conditions.Add(ReleaseCondition.CheckSliQueries);
            if (action <= ReleaseAction.Review)
                (action, worst, status) = (ReleaseAction.Review, noData, BudgetStatus.NoData);
        }

        if (budgets.Any(b => b.PageBurnActive))
        {
            conditions.Add(ReleaseCondition.WaitForBurnToStop);
            if (freezeWhileBurning && action < ReleaseAction.Defer)
                action = ReleaseAction.Defer;
        }

        return new ReleaseVerdict(worst, status, action, conditions);
    }
}
