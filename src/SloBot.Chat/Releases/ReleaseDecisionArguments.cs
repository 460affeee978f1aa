using SloBot.Chat.Commands;
using SloBot.Chat.Replies;

namespace SloBot.Chat.Releases;

/// <summary>
/// The words of <c>/slo override</c> and <c>/slo approve</c>: a recorded decision's id, then a reason that is the rest of
/// the text. The options for their specs, and the decision looked up with the reason read.
/// </summary>
internal static class ReleaseDecisionArguments
{
    public static CommandOption Decision { get; } = new("decision", "The decision id, e.g. R-3F9A1C07", Required: true, Positional: true);

    /// <summary>Required, but a short or missing reason is answered by the override or approval with its own example.</summary>
    public static CommandOption Reason(string description) =>
        new("reason", description, Required: true, Positional: true) { Rest = true, CheckedByCommand = true };

    /// <summary>The decision the words name (or why there is none) and the reason as given (null when none was).</summary>
    public static async Task<(ReleaseDecisionRecord? Decision, string? Reason, Reply? Error)> ReadAsync(
        ReleaseOverrides overrides, CommandArgs args, CancellationToken cancellationToken)
    {
        var (decision, error) = await overrides.FindAsync(args.Text(Decision.Name), cancellationToken).ConfigureAwait(false);
        return (decision, args.Text("reason"), error);
    }
}
