using SloBot.Chat.Events;
using SloBot.Chat.Replies;

namespace SloBot.Chat.Commands;

/// <summary>
/// Runs command text as if it had been typed, and lists the commands. For those that the router itself reaches
/// (<c>/slo help</c>, questionnaires that end in the full command): the router attaches itself when it is built, so
/// they depend on this seam rather than on the router, which breaks the cycle router → commands → questionnaires →
/// conversation engine → questionnaire flows → router.
/// </summary>
public sealed class CommandRunner
{
    private CommandRouter? _router;

    /// <summary>The commands, sorted by name; empty until the router is built.</summary>
    public IReadOnlyList<CommandSpec> Commands => _router?.Commands ?? [];

    public Task<Reply> RunAsync(CommandEvent command, CancellationToken cancellationToken) =>
        (_router ?? throw new InvalidOperationException("No CommandRouter was built in this container; register the chat layer with AddSloBotChat()."))
            .RouteAsync(command, cancellationToken);

    internal void Attach(CommandRouter router) => _router = router;
}
