using SloBot.Chat.Commands;
using SloBot.Chat.Replies;

namespace SloBot.Chat.Releases;

/// <summary><c>/slo approve &lt;decision-id&gt; &lt;reason…&gt;</c>: the product manager or an SLO owner approves a release under review.</summary>
internal sealed class ReleaseApproveCommand(ReleaseOverrides overrides, ReleaseApprovals approvals) : ICommandHandler
{
    public CommandSpec Spec { get; } = new(
        "approve",
        "A product manager or SLO owner approves a release under review, with a reason (recorded, announced)",
        [
            new CommandOption("decision", "The decision id, e.g. R-3F9A1C07", Required: true, Positional: true),
            new CommandOption("reason", "Why the budget may be spent (kept for the weekly review)", Required: true, Positional: true) { Rest = true, CheckedByCommand = true },
        ],
        ["/slo approve R-3F9A1C07 the launch is worth 5 % of the budget"]);

    public async Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var words = context.Args.Words;
        var (decision, error) = await overrides.FindAsync(words.Count > 0 ? words[0] : null, cancellationToken).ConfigureAwait(false);
        if (error is not null)
            return error;
        var reason = string.Join(' ', words.Skip(1));
        if (reason.StartsWith("reason=", StringComparison.OrdinalIgnoreCase))
            reason = reason["reason=".Length..];
        return await approvals.ApproveAsync(decision!, context.Event.User, context.Event.Where, reason, cancellationToken).ConfigureAwait(false);
    }
}
