using SloBot.Core.Budgets;
using SloBot.Core.Releases;

namespace SloBot.Chat.Releases;

/// <summary>
/// The <c>--json</c> contract of a release decision (docs/releases.md). Shares are 0–1 (budgetRemaining may be
/// negative), times ISO-8601 UTC, riskScore in the document's points, lines in lines, coverage in percent.
/// </summary>
public sealed record ReleaseDecisionData(
    string DecisionId,
    string Service,
    string Version,
    string Action,
    string RiskLevel,
    int RiskScore,
    IReadOnlyList<RiskFactorData> RiskFactors,
    string BudgetStatus,
    double? BudgetRemaining,
    string BudgetSlo,
    IReadOnlyList<string> Conditions,
    string Rationale,
    IReadOnlyList<ReleaseAlternative> Alternatives,
    BudgetBackAtData? BudgetBackAt,
    ReleaseInputsData Inputs,
    DateTimeOffset DecidedAt,
    int ExitCode,
    bool Recorded)
{
    public static ReleaseDecisionData From(ReleaseDecisionRecord r, IReadOnlyList<ReleaseAlternative> alternatives, BudgetBackAtData? budgetBackAt = null, bool recorded = true) => new(
        r.Id,
        r.Service,
        r.Version,
        r.Action.ToWord(),
        r.RiskLevel.ToWord(),
        r.RiskScore,
        [.. ReleaseRisk.Assess(r.Inputs).Factors.Select(f => new RiskFactorData(f.Factor, f.Points, ReleaseText.Factor(f, r.Inputs))),
            .. r.Budget.Slos.Where(s => s.Status == Core.Budgets.BudgetStatus.NoData).Select(s => new RiskFactorData("no_sli_data", 0, $"no SLI data for {s.Slo} over {s.Window}")),
            .. r.Budget.Slos.Where(s => s.Burning).Select(s => new RiskFactorData("active_burn", 0, $"a page-level burn is active on {s.Slo}"))],
        r.Budget.Status.ToWord(),
        r.Budget.Remaining,
        r.Budget.Slo,
        r.Conditions.Select(c => c.Key()).ToArray(),
        r.Rationale,
        alternatives,
        budgetBackAt,
        new ReleaseInputsData(r.Inputs.LinesChanged, r.Inputs.TouchesCriticalPath, r.Inputs.HasDbMigration, r.Inputs.ChangesExternalApis, r.Inputs.TestCoverage),
        r.DecidedAt.ToUniversalTime(),
        ReleaseExitCodes.For(r.Action),
        recorded);
}

/// <summary>
/// A factor of the document's risk score and the points it added, in words. Besides the document's factors:
/// <c>no_sli_data</c> and <c>active_burn</c> (0 points: they act on the action, not on the score).
/// </summary>
public sealed record RiskFactorData(string Factor, int Points, string Text);

/// <summary>The inputs as scored (absent flags at the document's defaults).</summary>
public sealed record ReleaseInputsData(int LinesChanged, bool TouchesCriticalPath, bool HasDbMigration, bool ChangesExternalApis, double TestCoverage);

/// <summary>Exit codes of <c>slobot ask "/slo release …"</c>: 0 approve, 3 review, 4 defer, 5 block (1 source failure, 2 bad command).</summary>
public static class ReleaseExitCodes
{
    public const int Approve = 0;
    public const int Review = 3;
    public const int Defer = 4;
    public const int Block = 5;

    public static int For(ReleaseAction action) => action switch
    {
        ReleaseAction.Approve => Approve,
        ReleaseAction.Review => Review,
        ReleaseAction.Defer => Defer,
        _ => Block,
    };
}
