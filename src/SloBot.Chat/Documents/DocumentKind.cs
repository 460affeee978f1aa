using SloBot.Chat.Commands;
using SloBot.Chat.Conversations;

namespace SloBot.Chat.Documents;

/// <summary>
/// A kind of published document (retrospective, weekly review, quarterly plan…): how it is keyed, stored, named and
/// rendered, and the texts of its <c>list</c>, <c>resume</c> and <c>export</c> commands. A capability declares one and
/// registers it with <c>services.AddPublishedDocuments(kind)</c>.
/// </summary>
public sealed class DocumentKind<TDocument>
    where TDocument : class
{
    /// <summary>The conversation kind that drafts it and the key its documents are stored under ("retro").</summary>
    public required string Name { get; init; }

    /// <summary>The command group, without <c>/slo</c> ("retro" for <c>/slo retro list</c>).</summary>
    public required string Command { get; init; }

    /// <summary>The list's header ("Retrospectives").</summary>
    public required string Header { get; init; }

    /// <summary>How people call one ("retrospective", "weekly review").</summary>
    public required string Noun { get; init; }

    /// <summary>The word in "Which …?" when the id is missing ("retrospective", "review").</summary>
    public required string Which { get; init; }

    /// <summary>A draft by its title, for "The … is not published yet" ("INC-7 retrospective", "weekly review 2026-11-23").</summary>
    public required Func<string, string> Named { get; init; }

    public required Func<TDocument, string> Id { get; init; }

    /// <summary>The second key people use (incident id, date), matched without regard to case.</summary>
    public required Func<TDocument, string> Title { get; init; }

    /// <summary>What lists by time go by (incident start); null: the publication time.</summary>
    public Func<TDocument, DateTimeOffset>? Start { get; init; }

    public required Func<TDocument, DateTimeOffset> PublishedAt { get; init; }

    public required Func<TDocument, string> Markdown { get; init; }

    public required Func<TDocument, string> Html { get; init; }

    /// <summary>The export's title ("Incident Retrospective INC-7") and file name without extension ("INC-7-retrospective").</summary>
    public required Func<TDocument, (string Title, string FileStem)> Export { get; init; }

    public required CommandSpec ListSpec { get; init; }

    public required CommandSpec ResumeSpec { get; init; }

    public required CommandSpec ExportSpec { get; init; }

    internal string NotPublished(ConversationRecord draft) =>
        $"The {Named(draft.Title)} is not published yet (it is {draft.Status.ToString().ToLowerInvariant()}, at `{draft.State}`).";
}
