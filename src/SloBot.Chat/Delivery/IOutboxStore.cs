namespace SloBot.Chat.Delivery;

/// <summary>
/// Where the outbox records deliveries so they outlive the process (SQL in SloBot.Storage; in memory without it).
/// Leases make one holder at a time: a live process holds the lease of what it is sending and renews it; an entry
/// whose lease expired (its holder died) is claimed by one recovery worker, never two.
/// </summary>
public interface IOutboxStore
{
    /// <summary>
    /// Records <paramref name="message"/> leased to <paramref name="owner"/>. When its key is already recorded, a failed
    /// entry (the intent sent again) or a pending one whose lease expired is taken over; a delivered one, or one
    /// another owner holds, is left alone. Returns the entry as it now stands: the caller holds it when it is pending
    /// and leased to <paramref name="owner"/>.
    /// </summary>
    Task<OutboxEntry> RecordAsync(OutboxMessage message, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>Counts an attempt of a pending entry <paramref name="owner"/> holds (or whose lease expired); returns its number, or null when someone else holds it or it is no longer pending.</summary>
    Task<int?> BeginAttemptAsync(string key, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>Ends an entry: delivered with the platform's message id, or failed with why. Its lease is dropped.</summary>
    Task CompleteAsync(string key, OutboxState state, string? resultOrError, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Gives up <paramref name="owner"/>'s lease of a pending entry: anyone may attempt it from <paramref name="nextAttemptAt"/>.</summary>
    Task ReleaseAsync(string key, string owner, DateTimeOffset nextAttemptAt, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Extends the lease of every pending entry <paramref name="owner"/> holds (the live process is still at them).</summary>
    Task<int> RenewAsync(string owner, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>
    /// Leases to <paramref name="owner"/> up to <paramref name="max"/> pending entries of <paramref name="platforms"/>
    /// whose lease expired and whose next attempt is due, oldest first. Concurrent claimers never get the same entry.
    /// </summary>
    Task<IReadOnlyList<OutboxEntry>> ClaimAsync(IReadOnlyCollection<string> platforms, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken cancellationToken);

    /// <summary>Deletes delivered and failed entries last touched at or before <paramref name="before"/>; returns how many.</summary>
    Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken);

    Task<OutboxEntry?> FindAsync(string key, CancellationToken cancellationToken);
}
