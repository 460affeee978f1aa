using SloBot.Chat.Events;

namespace SloBot.Chat.Conversations;

/// <summary>
/// One guided dialogue bound to one thread, as stored. <see cref="State"/> is the Stateless state (a step name or
/// one of <see cref="FlowStates"/>); <see cref="Data"/> is the collected answers as a JSON object;
/// <see cref="Version"/> is the row version for optimistic concurrency (incremented by every save).
/// </summary>
public sealed record ConversationRecord(
    string Id,
    ConversationKey Key,
    string Kind,
    int FlowVersion,
    string State,
    string Data,
    string Title,
    string StartedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version = 0,
    DateTimeOffset? RemindedAt = null,
    string? Link = null)
{
    public ConversationStatus Status => FlowStates.StatusOf(State);

    public bool IsActive => Status == ConversationStatus.Active;
}

public enum ConversationStatus
{
    Active,
    Completed,
    Cancelled,
    Abandoned,
}

/// <summary>The terminal states every flow shares.</summary>
public static class FlowStates
{
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";
    public const string Abandoned = "abandoned";

    public static ConversationStatus StatusOf(string state) => state switch
    {
        Completed => ConversationStatus.Completed,
        Cancelled => ConversationStatus.Cancelled,
        Abandoned => ConversationStatus.Abandoned,
        _ => ConversationStatus.Active,
    };
}
