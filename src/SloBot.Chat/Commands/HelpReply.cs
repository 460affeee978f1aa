using SloBot.Chat.Replies;

namespace SloBot.Chat.Commands;

/// <summary>The command list with an example for each.</summary>
internal static class HelpReply
{
    public static Reply For(IReadOnlyList<CommandSpec> commands) => new()
    {
        Header = "SloBot commands",
        Blocks =
        [
            new TableBlock(
                ["command", "what it does", "example"],
                commands.Select(c => (IReadOnlyList<string>)[c.Usage, c.Summary, c.Examples.FirstOrDefault() ?? ""]).ToArray()),
        ],
        Context = "Type a command without its arguments to be asked for them. `--json` on `slobot ask` prints data for scripts.",
        Summary = "SloBot commands: " + string.Join(", ", commands.Select(c => c.Name)),
        Data = new { commands = commands.Select(c => new { name = c.Name, usage = c.Usage, summary = c.Summary, examples = c.Examples }) },
    };
}

internal sealed class HelpCommand(CommandRunner commands) : ICommandHandler
{
    public CommandSpec Spec { get; } = new("help", "Lists the commands with examples", [], ["/slo help"]);

    public Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken) =>
        Task.FromResult(HelpReply.For(commands.Commands));
}
