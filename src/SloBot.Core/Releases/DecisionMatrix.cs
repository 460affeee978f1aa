using SloBot.Core.Budgets;

namespace SloBot.Core.Releases;

/// <summary>The matrix's verdicts, least to most restrictive.</summary>
public enum ReleaseAction
{
    Approve,
    Review,
    Defer,
    Block,
}

/// <summary>What a release must do to go ahead (the document's condition keys, see <see cref="DecisionMatrix.Key"/>).</summary>
public enum ReleaseCondition
{
    EnhancedMonitoring,
    CanaryDeployment,
    ReadyRollback,

    /// <summary>Not the matrix's: an SLO had no data, so its SLI queries must be checked before trusting a verdict.</summary>
    CheckSliQueries,

    /// <summary>Not the matrix's: a page-level burn is active on an SLO of the service.</summary>
    WaitForBurnToStop,
}

/// <summary>One cell of the matrix: the action and its conditions.</summary>
public sealed record MatrixCell(ReleaseAction Action, IReadOnlyList<ReleaseCondition> Conditions);

/// <summary>
/// Budget status × release risk → action and conditions. The statuses are <see cref="BudgetStatusBands"/>'s, which
/// are the document's (healthy ≥ 50 %, attention ≥ 20 %, warning ≥ 10 %, critical below); the document's own
/// "exhausted" row ("No budget") is taken for a remaining budget at or below zero, as <c>/slo budget</c> shows it.
/// </summary>
public static class DecisionMatrix
{
    private static readonly ReleaseCondition[] None = [];
    private static readonly ReleaseCondition[] Monitoring = [ReleaseCondition.EnhancedMonitoring];
    private static readonly ReleaseCondition[] CanaryAndRollback = [ReleaseCondition.CanaryDeployment, ReleaseCondition.ReadyRollback];

    // seed 004 §Release Decision Framework, ReleaseDecisionFramework._apply_decision_matrix (matrix).
    private static readonly Dictionary<(BudgetStatus, RiskLevel), MatrixCell> Cells = new()
    {
        [(BudgetStatus.Healthy, RiskLevel.Low)] = new(ReleaseAction.Approve, None),
        [(BudgetStatus.Healthy, RiskLevel.Medium)] = new(ReleaseAction.Approve, Monitoring),
        [(BudgetStatus.Healthy, RiskLevel.High)] = new(ReleaseAction.Review, CanaryAndRollback),
        [(BudgetStatus.Attention, RiskLevel.Low)] = new(ReleaseAction.Approve, Monitoring),
        [(BudgetStatus.Attention, RiskLevel.Medium)] = new(ReleaseAction.Review, CanaryAndRollback),
        [(BudgetStatus.Attention, RiskLevel.High)] = new(ReleaseAction.Defer, None),
        [(BudgetStatus.Warning, RiskLevel.Low)] = new(ReleaseAction.Review, CanaryAndRollback),
        [(BudgetStatus.Warning, RiskLevel.Medium)] = new(ReleaseAction.Defer, None),
        [(BudgetStatus.Warning, RiskLevel.High)] = new(ReleaseAction.Block, None),
        [(BudgetStatus.Critical, RiskLevel.Low)] = new(ReleaseAction.Defer, None),
        [(BudgetStatus.Critical, RiskLevel.Medium)] = new(ReleaseAction.Block, None),
        [(BudgetStatus.Critical, RiskLevel.High)] = new(ReleaseAction.Block, None),
        [(BudgetStatus.Exhausted, RiskLevel.Low)] = new(ReleaseAction.Block, None),
        [(BudgetStatus.Exhausted, RiskLevel.Medium)] = new(ReleaseAction.Block, None),
        [(BudgetStatus.Exhausted, RiskLevel.High)] = new(ReleaseAction.Block, None),
    };

    public static MatrixCell Decide(BudgetStatus status, RiskLevel risk) => Cells[(status, risk)];

    /// <summary>The document's spelling of a condition: enhanced_monitoring, canary_deployment, ready_rollback.</summary>
    public static string Key(this ReleaseCondition condition) => condition switch
    {
        ReleaseCondition.EnhancedMonitoring => "enhanced_monitoring",
        ReleaseCondition.CanaryDeployment => "canary_deployment",
        ReleaseCondition.CheckSliQueries => "check_sli_queries",
        ReleaseCondition.WaitForBurnToStop => "wait_for_burn_to_stop",
        _ => "ready_rollback",
    };

    public static string ToWord(this ReleaseAction action) => action.ToString().ToLowerInvariant();

    /// <summary>True for the actions that stop a release (the document adds alternatives for these).</summary>
    public static bool Stops(this ReleaseAction action) => action is ReleaseAction.Defer or ReleaseAction.Block;
}
