using SloBot.Chat.Commands;
using SloBot.Chat.Replies;

namespace SloBot.Chat.Releases;

/// <summary><c>/slo override &lt;decision-id&gt; &lt;reason…&gt;</c>: an SLO owner lets a deferred or blocked release ship.</summary>
internal sealed class ReleaseOverrideCommand(ReleaseOverrides overrides) : ICommandHandler
{
    public CommandSpec Spec { get; } = new(
        "override",
        "An SLO owner overrides a deferred or blocked release, with a reason (recorded and announced)",
        [ReleaseDecisionArguments.Decision, ReleaseDecisionArguments.Reason("Why it may ship anyway (kept for the weekly review)")],
        ["/slo override R-3F9A1C07 hotfix for INC-2041, canary at 5 %"]);

    public async Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var (decision, reason, error) = await ReleaseDecisionArguments.ReadAsync(overrides, context.Args, cancellationToken).ConfigureAwait(false);
        return error ?? await overrides.OverrideAsync(decision!, context.Event.User, context.Event.Where, reason, cancellationToken).ConfigureAwait(false);
    }
}
