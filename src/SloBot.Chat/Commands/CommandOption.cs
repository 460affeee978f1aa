namespace SloBot.Chat.Commands;

public enum OptionKind
{
    String,
    Integer,
    Number,
    Boolean,

    /// <summary>A service name from the catalog (autocompleted where the platform can).</summary>
    Service,
}

/// <summary>
/// One option. Positional options come first in the text, in order; the others are written <c>name=value</c>,
/// booleans also as a bare <c>name</c>. The router checks typed words against it (<see cref="CommandUsage"/>) before the
/// command runs, and the command reads the parsed value from <see cref="CommandArgs"/>.
/// </summary>
public sealed record CommandOption(string Name, string Description, OptionKind Kind = OptionKind.String, bool Required = false, bool Positional = false, IReadOnlyList<string>? Choices = null)
{
    /// <summary>Smallest value of an <see cref="OptionKind.Integer"/> or <see cref="OptionKind.Number"/> option.</summary>
    public double? Min { get; init; }

    /// <summary>Largest value of an <see cref="OptionKind.Integer"/> or <see cref="OptionKind.Number"/> option.</summary>
    public double? Max { get; init; }

    /// <summary>Other names the option answers to (the seed document's keys: <c>lines_changed</c> for <c>lines</c>).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>Other words for a choice, mapped to the choice (<c>md</c> → <c>markdown</c>).</summary>
    public IReadOnlyDictionary<string, string>? Synonyms { get; init; }

    /// <summary>A positional option that takes the rest of the text, as typed (a reason, a window in words).</summary>
    public bool Rest { get; init; }

    /// <summary>Also accepts keys <c>name.…=value</c>, left to the command (<c>step.5.latency=1500</c>).</summary>
    public bool Prefix { get; init; }

    /// <summary>
    /// Required, but when it is missing the command answers in its own terms (asks for it in the thread, or explains
    /// what it needs), so the router lets the command run without it.
    /// </summary>
    public bool CheckedByCommand { get; init; }

    /// <summary>What the option accepts, as written in a usage problem ("a whole number from 0 to 100").</summary>
    internal string Expected => OptionValue.Expected(this);
}
