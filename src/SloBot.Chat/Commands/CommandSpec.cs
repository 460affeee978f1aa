namespace SloBot.Chat.Commands;

/// <summary>
/// What a command looks like, for help text and for platforms that register commands (Discord).
/// <see cref="Name"/> may have two words ("retro start"): a subcommand group and a subcommand.
/// </summary>
public sealed record CommandSpec(string Name, string Summary, IReadOnlyList<CommandOption> Options, IReadOnlyList<string> Examples)
{
    /// <summary>The command opens (or reopens) a conversation answered step by step; a one-shot asker is told where to run it instead.</summary>
    public bool OpensConversation { get; init; }

    public string Usage => $"/slo {Name}" + string.Concat(Options.Select(o => o switch
    {
        { Positional: true, Required: true } => $" <{o.Name}>",
        { Positional: true } => $" [{o.Name}]",
        { Kind: OptionKind.Boolean } => $" [{o.Name}]",
        _ => $" [{o.Name}=…]",
    }));
}
