using SloBot.Chat.Budgets;
using SloBot.Chat.Replies;
using SloBot.Core.Budgets;
using SloBot.Core.Releases;

namespace SloBot.Chat.Releases;

/// <summary>The chat reply of a release decision, with its buttons and its <c>--json</c> data.</summary>
internal static class ReleaseReply
{
    public const string ReviewAction = "release:review";
    public const string OverrideAction = "release:override";
    public const string BudgetAction = "release:budget";
    public const string ApproveAction = "release:approve";

    public static Reply Render(ReleaseOutcome outcome, IReadOnlyList<string> owners)
    {
        var r = outcome.Record;
        var alternatives = ReleaseAlternatives.For(outcome, owners);
        var blocks = new List<ReplyBlock>
        {
            new TextBlock($"**{r.Rationale}**\n{ReleaseText.Meaning(r.Action, r.Conditions.Count > 0)}"),
            new FieldsBlock(
            [
                new ReplyField("Budget", r.Budget.Remaining is null
                    ? $"{BudgetFormat.StatusEmoji(r.Budget.Status)} no data · {r.Budget.Slo}"
                    : $"{BudgetFormat.StatusEmoji(r.Budget.Status)} {BudgetFormat.Percent(r.Budget.Remaining)} left ({r.Budget.Status.ToWords()}) · {r.Budget.Slo}"),
                new ReplyField("Risk", $"{r.RiskLevel.ToWord()} (score {r.RiskScore})"),
                new ReplyField("Decision", r.Id),
            ]),
        };
        if (r.Conditions.Count > 0)
            blocks.Add(new TextBlock("**Conditions**\n" + string.Join("\n", r.Conditions.Select(c => "• " + ReleaseText.Condition(c)))));
        if (alternatives.Count > 0)
            blocks.Add(new TextBlock("**Alternatives**\n" + string.Join("\n", alternatives.Select(a => "• " + a.Text))));

        var buttons = new List<ReplyButton>();
        if (outcome.DryRun)
            blocks.Add(new TextBlock($"_Dry run: evaluated as `/slo release` would, and not recorded (no decision id to review or override)._"));
        if (r.Action != ReleaseAction.Approve && !outcome.DryRun)
            buttons.Add(new ReplyButton(ReviewAction, "Request review", r.Id, ButtonStyle.Primary));
        if (r.Action == ReleaseAction.Review && !outcome.DryRun)
            buttons.Add(new ReplyButton(ApproveAction, "Approve", r.Id, ButtonStyle.Primary));
        if (r.Action.Stops() && !outcome.DryRun)
            buttons.Add(new ReplyButton(OverrideAction, "Override", r.Id, ButtonStyle.Danger));
        buttons.Add(new ReplyButton(BudgetAction, "Show budget", r.Service));

        return new Reply
        {
            Header = $"Release {r.Service} {r.Version} · {ReleaseText.ActionBadge(r.Action)}",
            Blocks = blocks,
            Buttons = buttons,
            Context = $"{(outcome.DryRun ? "Dry run, not recorded" : $"Decision {r.Id} recorded")} · risk scoring and decision matrix of the SLO governance framework · budgets over rolling windows ending {r.DecidedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC",
            Summary = $"{r.Service} {r.Version}: {r.Rationale}",
            Data = ReleaseDecisionData.From(r, alternatives, ReleaseAlternatives.BudgetBackAt(outcome), !outcome.DryRun),
            ExitCode = ReleaseExitCodes.For(r.Action),
        };
    }
}
