using System.Text.Json.Nodes;
using SloBot.Chat.Replies;

namespace SloBot.Chat.Conversations;

public enum StepKind
{
    /// <summary>One answer moves on.</summary>
    Single,

    /// <summary>Each answer adds an entry and stays; <c>next</c> (or <c>done</c>, or skip) moves on.</summary>
    List,

    /// <summary>The last look at the draft: <c>publish</c> completes the conversation.</summary>
    Review,
}

/// <summary>
/// One step of a flow: what it asks, with an example, and how a reply is understood. Answers are stored in the
/// conversation's data under <see cref="Name"/> (a list for <see cref="StepKind.List"/> steps).
/// </summary>
public sealed record FlowStep(string Name, string Title, string Ask, string Example)
{
    public StepKind Kind { get; init; } = StepKind.Single;

    /// <summary>Whether <c>skip</c> is allowed (it leaves the answer empty).</summary>
    public bool Optional { get; init; } = true;

    /// <summary>Answers offered as buttons (a typed reply still works).</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    /// <summary>Understands a reply. Default: any non-empty text, confirmed as "Title — text ✔".</summary>
    public Func<string, StepContext, StepAnswer>? Parse { get; init; }

    /// <summary>Runs when the conversation arrives at this step, before it is saved: may compute data (SLO impact) into <see cref="StepContext.Data"/>.</summary>
    public Func<StepContext, CancellationToken, Task>? OnEnter { get; init; }

    /// <summary>Blocks shown above the question (computed data, the draft so far).</summary>
    public Func<StepContext, IReadOnlyList<ReplyBlock>>? Show { get; init; }

    public StepAnswer Understand(string text, StepContext context) =>
        Parse is null ? StepAnswer.Text(text, Title) : Parse(text, context);
}

/// <summary>What a reply meant: a value to store and its confirmation, or why it could not be understood.</summary>
public sealed record StepAnswer(JsonNode? Value, string Confirmation, string? Error = null)
{
    public bool Ok => Error is null;

    public static StepAnswer Accept(JsonNode? value, string confirmation) => new(value, confirmation);

    public static StepAnswer Reject(string reason) => new(null, "", reason);

    /// <summary>Free text: must not be empty.</summary>
    public static StepAnswer Text(string text, string title) => string.IsNullOrWhiteSpace(text)
        ? Reject("that was empty")
        : Accept(JsonValue.Create(text.Trim()), $"{title} — {Shorten(text.Trim())} ✔");

    public static string Shorten(string text, int max = 120) => text.Length <= max ? text : text[..(max - 1)] + "…";
}

/// <summary>What a step sees: the conversation, its data (mutable until saved) and the clock. Flows get services through their constructors.</summary>
public sealed class StepContext(ConversationRecord record, JsonObject data, DateTimeOffset now, TimeZoneInfo zone)
{
    public ConversationRecord Record { get; } = record;

    public JsonObject Data { get; } = data;

    public DateTimeOffset Now { get; } = now;

    /// <summary>The zone lenient times are read in (<c>SloBot:Conversations:TimeZone</c>, default UTC).</summary>
    public TimeZoneInfo Zone { get; } = zone;

    public string? Text(string key) => Data[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public JsonArray List(string key) => Data[key] as JsonArray ?? [];
}
