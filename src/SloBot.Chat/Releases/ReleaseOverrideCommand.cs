using SloBot.Chat.Commands;
using SloBot.Chat.Replies;

namespace SloBot.Chat.Releases;

/// <summary><c>/slo override &lt;decision-id&gt; &lt;reason…&gt;</c>: an SLO owner lets a deferred or blocked release ship.</summary>
internal sealed class ReleaseOverrideCommand(ReleaseOverrides overrides) : ICommandHandler
{
    public CommandSpec Spec { get; } = new(
        "override",
        "An SLO owner overrides a deferred or blocked release, with a reason (recorded and announced)",
        [
            new CommandOption("decision", "The decision id, e.g. R-3F9A1C07", Required: true, Positional: true),
            new CommandOption("reason", "Why it may ship anyway (kept for the weekly review)", Required: true, Positional: true) { Rest = true, CheckedByCommand = true },
        ],
        ["/slo override R-3F9A1C07 hotfix for INC-2041, canary at 5 %"]);

    public async Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var words = context.Args.Words;
        var (decision, error) = await overrides.FindAsync(words.Count > 0 ? words[0] : null, cancellationToken).ConfigureAwait(false);
        if (error is not null)
            return error;
        var reason = string.Join(' ', words.Skip(1));
        if (reason.StartsWith("reason=", StringComparison.OrdinalIgnoreCase))
            reason = reason["reason=".Length..];
        return await overrides.OverrideAsync(decision!, context.Event.User, context.Event.Where, reason, cancellationToken).ConfigureAwait(false);
    }
}
