namespace SloBot.Chat.Delivery;

/// <summary>
/// A command (or click, thread answer, modal submit) a transport accepted, recorded before it is acknowledged so that
/// the work outlives the process: the platform whose <see cref="IInboxHandler"/> can run it again, its key (the
/// event's de-duplication id: the first replica to record it is the one that handles it) and the transport's opaque
/// payload, enough to rebuild the chat event and a way to answer it. The chat layer never parses the payload.
/// </summary>
public sealed record InboxMessage(string Platform, string Key, string Payload);

/// <summary>Where recorded inbound work stands.</summary>
public enum InboxState
{
    /// <summary>Recorded, not yet answered: its lease holder is working on it, or (lease expired) it waits for recovery.</summary>
    Pending,

    /// <summary>Handled; the payload is no longer kept. The row stays as the event's de-duplication record until pruned.</summary>
    Done,

    /// <summary>Given up after <see cref="OutboxOptions.InboxMaxAttempts"/> runs that never finished (e.g. it crashed every process that ran it).</summary>
    Failed,
}

/// <summary>Recorded inbound work as the store holds it; <see cref="Attempts"/> counts the runs started (the live one included).</summary>
public sealed record InboxEntry(
    long Sequence,
    InboxMessage Message,
    InboxState State,
    int Attempts,
    string? LeaseOwner,
    DateTimeOffset LeaseUntil,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public string Key => Message.Key;
}

/// <summary>
/// A transport's side of the inbox: runs recorded work of its platform again after the process that accepted it died
/// (rebuilds the chat event and a responder from <see cref="InboxMessage.Payload"/> and hands it to the chat layer).
/// Returns when the work is done; throws only for what could not be run at all.
/// </summary>
public interface IInboxHandler
{
    string Platform { get; }

    Task ReplayAsync(InboxEntry entry, CancellationToken cancellationToken);
}

/// <summary>
/// Thrown by an <see cref="IInboxHandler"/> for recorded work that can no longer be answered (e.g. a Discord interaction
/// whose token, valid 15 minutes, is too old): the recovery completes the entry as failed and logs why, without
/// trying again. <see cref="Exception.Message"/> must name no credential.
/// </summary>
public sealed class InboxEntryExpiredException : Exception
{
    public InboxEntryExpiredException()
    {
    }

    public InboxEntryExpiredException(string message)
        : base(message)
    {
    }

    public InboxEntryExpiredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
