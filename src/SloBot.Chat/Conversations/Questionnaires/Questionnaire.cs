using SloBot.Chat.Commands;
using SloBot.Chat.Replies;

namespace SloBot.Chat.Conversations;

/// <summary>
/// The arguments a command asks for when it is given without them ("/slo tier payment" → "Which tier?…"), asked one
/// at a time in the thread; when all are answered <see cref="BuildCommand"/> makes the full command text (without
/// "/slo") and it is run through the <c>CommandRouter</c> as if it had been typed. Register with
/// <c>services.AddQuestionnaire(...)</c>; start from a handler with <see cref="IQuestionnaires.AskAsync"/>.
/// </summary>
/// <param name="Id">Unique, stable (stored with the conversation): "tier", "release".</param>
/// <param name="Title">Shown as the dialogue's header: "/slo tier".</param>
/// <param name="BuildCommand">Answers by question name (skipped optional questions are absent) → "tier payment 2".</param>
public sealed record Questionnaire(
    string Id,
    string Title,
    IReadOnlyList<Question> Questions,
    Func<IReadOnlyDictionary<string, string>, string> BuildCommand);

/// <summary>One question: what it asks, an example answer, optional choices (buttons) and validation.</summary>
public sealed record Question(string Name, string Ask, string Example)
{
    /// <summary>Offered as buttons. With <see cref="ChoicesOnly"/>, anything else is refused with a did-you-mean.</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    public bool ChoicesOnly { get; init; }

    /// <summary>May be skipped (then absent from the answers).</summary>
    public bool Optional { get; init; }

    /// <summary>Null when the (trimmed) answer is fine, else the reason; the question is asked again with it.</summary>
    public Func<string, string?>? Validate { get; init; }

    /// <summary>Turns the accepted answer into its stored form (e.g. a canonical service name). Default: trimmed text.</summary>
    public Func<string, string>? Normalise { get; init; }
}

/// <summary>Starts questionnaires from command handlers.</summary>
public interface IQuestionnaires
{
    /// <summary>
    /// Asks the questions of questionnaire <paramref name="questionnaireId"/> that <paramref name="known"/> does not
    /// answer yet, in the thread of <paramref name="command"/> (one is started under a channel message where the
    /// platform has threads). Returns the reply to the command: the first question, or where it was asked. When
    /// nothing is missing the full command runs at once.
    /// </summary>
    Task<Reply> AskAsync(CommandContext command, string questionnaireId, IReadOnlyDictionary<string, string>? known, CancellationToken cancellationToken);
}
