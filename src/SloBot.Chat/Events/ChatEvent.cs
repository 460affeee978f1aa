namespace SloBot.Chat.Events;

/// <summary>Who did something in chat. <see cref="Id"/> is the platform's user id (Slack U…, Discord snowflake, "console").</summary>
/// <param name="Groups">Platform group ids the user belongs to, where the transport knows them (Discord role ids,
/// Slack user-group ids); used by role checks (<c>SloBot:Roles</c>).</param>
public sealed record ChatUser(string Id, string? DisplayName = null, IReadOnlyList<string>? Groups = null)
{
    public IReadOnlyList<string> GroupIds => Groups ?? [];
}

/// <summary>Where something happened: a platform, a channel, and optionally a thread in it.</summary>
/// <param name="Thread">Slack: the parent message ts. Discord: the thread channel id. Console: the session.</param>
public readonly record struct ConversationKey(string Platform, string Channel, string? Thread = null)
{
    public override string ToString() => Thread is null ? $"{Platform}:{Channel}" : $"{Platform}:{Channel}:{Thread}";
}

/// <summary>Everything a transport hands the chat layer, normalised across platforms.</summary>
/// <param name="EventId">The platform's id for de-duplicating redeliveries (Slack envelope/event id, Discord interaction id).</param>
public abstract record ChatEvent(string EventId, ConversationKey Where, ChatUser User, DateTimeOffset ReceivedAt)
{
    public string Platform => Where.Platform;
}

/// <summary>"/slo budget payment": <see cref="Text"/> is everything after "/slo" ("budget payment").</summary>
public sealed record CommandEvent(string EventId, ConversationKey Where, ChatUser User, DateTimeOffset ReceivedAt, string Text)
    : ChatEvent(EventId, Where, User, ReceivedAt)
{
    /// <summary>
    /// The asker reads one reply and is gone (<c>slobot ask</c>): nothing can answer a follow-up question, so commands
    /// that open a conversation refuse instead of leaving one behind.
    /// </summary>
    public bool OneShot { get; init; }
}

/// <summary>A button on one of SloBot's messages was clicked. <see cref="ActionId"/> is what the <c>ReplyButton</c> carried.</summary>
public sealed record ButtonClick(string EventId, ConversationKey Where, ChatUser User, DateTimeOffset ReceivedAt, string ActionId, string? Value, string? MessageId)
    : ChatEvent(EventId, Where, User, ReceivedAt);

/// <summary>A plain message in a thread SloBot takes part in (or the console session).</summary>
public sealed record ThreadMessage(string EventId, ConversationKey Where, ChatUser User, DateTimeOffset ReceivedAt, string Text)
    : ChatEvent(EventId, Where, User, ReceivedAt)
{
    /// <summary>The message mentions SloBot (<c>@SloBot budget payment</c>): when no conversation takes it, it is a command.</summary>
    public bool Mentioned { get; init; }
}

/// <summary>A modal (Slack view, Discord modal) was submitted. Values are keyed by the input ids of the <c>ReplyModal</c>.</summary>
public sealed record ModalSubmit(string EventId, ConversationKey Where, ChatUser User, DateTimeOffset ReceivedAt, string CallbackId, IReadOnlyDictionary<string, string> Values)
    : ChatEvent(EventId, Where, User, ReceivedAt);
