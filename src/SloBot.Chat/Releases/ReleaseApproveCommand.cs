using SloBot.Chat.Commands;
using SloBot.Chat.Replies;

namespace SloBot.Chat.Releases;

/// <summary><c>/slo approve &lt;decision-id&gt; &lt;reason…&gt;</c>: the product manager or an SLO owner approves a release under review.</summary>
internal sealed class ReleaseApproveCommand(ReleaseOverrides overrides, ReleaseApprovals approvals) : ICommandHandler
{
    public CommandSpec Spec { get; } = new(
        "approve",
        "A product manager or SLO owner approves a release under review, with a reason (recorded, announced)",
        [ReleaseDecisionArguments.Decision, ReleaseDecisionArguments.Reason("Why the budget may be spent (kept for the weekly review)")],
        ["/slo approve R-3F9A1C07 the launch is worth 5 % of the budget"]);

    public async Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var (decision, reason, error) = await ReleaseDecisionArguments.ReadAsync(overrides, context.Args, cancellationToken).ConfigureAwait(false);
        return error ?? await approvals.ApproveAsync(decision!, context.Event.User, context.Event.Where, reason, cancellationToken).ConfigureAwait(false);
    }
}
