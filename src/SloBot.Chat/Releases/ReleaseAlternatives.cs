using SloBot.Chat.Budgets;
using SloBot.Core.Budgets;
using SloBot.Core.Releases;

namespace SloBot.Chat.Releases;

/// <summary>One way forward for a deferred or blocked release. <see cref="At"/> is set for "wait" (ISO-8601 UTC in JSON).</summary>
/// <param name="Kind">wait, reduce_risk, fixes_only, override.</param>
/// <param name="Status">For wait: the budget status reached then.</param>
/// <param name="Action">The action this release would get on that path.</param>
public sealed record ReleaseAlternative(string Kind, string Text, DateTimeOffset? At = null, string? Status = null, string? Action = null);

/// <summary>When the verdict improves (ISO-8601 UTC or null): if the current burn continues, and if no new errors occur.</summary>
public sealed record BudgetBackAtData(DateTimeOffset? AtCurrentBurn, DateTimeOffset? IfNoNewErrors);

/// <summary>The document's <c>_suggest_alternatives</c>, filled from real data: when the budget is back, what lowers the risk, who can override.</summary>
internal static class ReleaseAlternatives
{
    public static IReadOnlyList<ReleaseAlternative> For(ReleaseOutcome outcome, IReadOnlyList<string> owners)
    {
        var record = outcome.Record;
        if (!record.Action.Stops())
            return [];
        var list = new List<ReleaseAlternative>();
        var now = record.DecidedAt;
        var window = ReleaseText.WindowName(outcome.Worst.Slo.Window);
        var improving = outcome.Recoveries.FirstOrDefault(r => Action(r, record) < record.Action);
        if (improving is not null)
        {
            list.Add(Wait(improving, outcome, now, window));
            var approving = outcome.Recoveries.FirstOrDefault(r => Action(r, record) == ReleaseAction.Approve);
            if (approving is not null && approving != improving)
                list.Add(Wait(approving, outcome, now, window));
        }
        else
        {
            var why = outcome.RecoveryProblem ?? "no hour of the window holds enough errors to move it into a better band soon";
            list.Add(new ReleaseAlternative("wait", $"Wait for the budget to recover as old errors leave the {window} window; SloBot cannot date it: {why}."));
        }

        if (RiskReduction.Suggest(record.Inputs, record.Budget.Status) is { } plan)
        {
            var changes = string.Join(" and ", plan.Changes.Select(ReleaseText.Change));
            list.Add(new ReleaseAlternative(
                "reduce_risk",
                $"Lower the risk: {changes} → {plan.Risk.Level.ToWord()} risk (score {plan.Risk.Score}), which gets **{plan.Decision.Action.ToWord()}** today.",
                Action: plan.Decision.Action.ToWord()));
        }

        list.Add(new ReleaseAlternative("fixes_only", "Ship reliability and security fixes on their own: they are what brings the budget back."));
        var who = SloBot.Chat.Roles.SloRoles.Mentions(owners) ?? "none is configured: add owners to the service's catalog entry or SloBot:Roles:SloOwner";
        list.Add(new ReleaseAlternative(
            "override",
            $"An SLO owner of {record.Service} ({who}) can override with a reason: **Override**, or `/slo override {record.Id} <reason>`.",
            Action: ReleaseAction.Approve.ToWord()));
        return list;
    }

    private static ReleaseAction Action(BudgetRecovery r, ReleaseDecisionRecord record) => DecisionMatrix.Decide(r.Status, record.RiskLevel).Action;

    /// <summary>
    /// When the verdict improves: with the current burn continuing (null when it does not at that burn) and if no new
    /// errors occur (the optimistic bound). Null when the release is not deferred or blocked.
    /// </summary>
    public static BudgetBackAtData? BudgetBackAt(ReleaseOutcome outcome)
    {
        var record = outcome.Record;
        if (!record.Action.Stops())
            return null;
        var ifNoNewErrors = outcome.Recoveries.FirstOrDefault(r => Action(r, record) < record.Action);
        var atCurrentBurn = outcome.RecoveriesAtCurrentBurn?.FirstOrDefault(r => Action(r, record) < record.Action);
        return new BudgetBackAtData(atCurrentBurn?.At.ToUniversalTime(), ifNoNewErrors?.At.ToUniversalTime());
    }

    /// <summary>The service's current burn: the highest of its SLOs' (each the lower of 1 h and 6 h).</summary>
    private static double CurrentBurn(ReleaseOutcome outcome) => outcome.Budgets.Where(b => b.HasData).Select(b => b.CurrentBurn).DefaultIfEmpty(0).Max();

    private static ReleaseAlternative Wait(BudgetRecovery r, ReleaseOutcome outcome, DateTimeOffset now, string window)
    {
        var record = outcome.Record;
        var because = r.Leaving is { } incident
            ? $"when {ReleaseText.Incident(incident)} leaves the {window} window"
            : $"as older errors leave the {window} window";
        var action = Action(r, record);
        var burn = CurrentBurn(outcome);
        var atBurn = outcome.RecoveriesAtCurrentBurn?.FirstOrDefault(x => x.Status.Severity() <= r.Status.Severity());
        var text = burn <= 0 || atBurn is { } same && same.At <= r.At
            ? $"Wait until {ReleaseText.When(r.At, now)}: the budget is back to '{r.Status.ToWord()}' {because}, if no further errors occur; this release would then get **{action.ToWord()}**."
            : atBurn is { } later
                ? $"Wait until {ReleaseText.When(later.At, now)} if the burn continues at {BudgetFormat.BurnRate(burn)} ({ReleaseText.When(r.At, now)} at the earliest, if no further errors occur): the budget is back to '{r.Status.ToWord()}' {because}; this release would then get **{action.ToWord()}**."
                : $"Not while burning at {BudgetFormat.BurnRate(burn)}: the burn has to stop first. If no further errors occur, the budget is back to '{r.Status.ToWord()}' on {ReleaseText.When(r.At, now)} {because}; this release would then get **{action.ToWord()}**.";
        return new ReleaseAlternative(
            "wait",
            text,
            r.At.ToUniversalTime(),
            r.Status.ToWord(),
            action.ToWord());
    }
}
