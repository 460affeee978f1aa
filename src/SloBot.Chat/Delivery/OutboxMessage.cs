namespace SloBot.Chat.Delivery;

/// <summary>
/// A delivery the outbox records before its first attempt, so that it outlives the process: the platform whose
/// <see cref="IOutboxSender"/> sends it, the lane it is ordered in (a channel), its idempotency key (from the
/// <see cref="DeliveryIntent"/>) and the platform-ready request the transport serialised. The chat layer stores
/// <see cref="Payload"/> as opaque text; only the transport that wrote it reads it.
/// </summary>
public sealed record OutboxMessage(string Platform, string Lane, string Key, string Payload);

/// <summary>Where a recorded delivery stands.</summary>
public enum OutboxState
{
    Pending,
    Delivered,
    Failed,
}

/// <summary>
/// A recorded delivery as the store holds it: <see cref="Attempts"/> started so far, when the next may start, who
/// holds its lease and until when (a pending entry whose lease has expired is anyone's to deliver), and the
/// platform's id of the message once delivered (<see cref="Result"/>) or why it failed (<see cref="Error"/>).
/// </summary>
public sealed record OutboxEntry(
    long Sequence,
    OutboxMessage Message,
    OutboxState State,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    string? LeaseOwner,
    DateTimeOffset LeaseUntil,
    string? Result,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public string Key => Message.Key;
}

/// <summary>
/// One attempt handed to a transport's <see cref="IOutboxSender"/>. <see cref="MayHaveLanded"/> is true when an earlier
/// attempt may have reached the platform (a timeout, a 5xx, a dropped connection, or a process that died mid-attempt):
/// the sender must then find out whether it did before sending again.
/// </summary>
public sealed record OutboxAttempt(OutboxMessage Message, int Number, bool MayHaveLanded, DateTimeOffset RecordedAt);

/// <summary>
/// A transport's side of the persisted outbox: sends a recorded <see cref="OutboxMessage"/> of its platform, live or
/// after a restart, and returns the platform's id of the message (Slack ts, Discord message id). Throws
/// <see cref="TransientDeliveryException"/> for what is worth retrying; any other exception fails the delivery.
/// </summary>
public interface IOutboxSender
{
    string Platform { get; }

    Task<string> SendAsync(OutboxAttempt attempt, CancellationToken cancellationToken);
}
