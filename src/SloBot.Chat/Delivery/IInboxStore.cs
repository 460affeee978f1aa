namespace SloBot.Chat.Delivery;

/// <summary>
/// Where the inbox records accepted inbound work so it outlives the process (SQL in SloBot.Storage; in memory without
/// it). Recording is the "first replica wins" point: a key already recorded is a redelivery and is not recorded again.
/// Leases make one runner at a time, as in the <see cref="IOutboxStore"/>.
/// </summary>
public interface IInboxStore
{
    /// <summary>
    /// Records each message leased to <paramref name="owner"/> (one round trip for the lot). Returns, per message, true
    /// when it was recorded now (the caller runs it) and false when its key was recorded before (a redelivery).
    /// </summary>
    Task<IReadOnlyList<bool>> RecordAsync(IReadOnlyList<InboxMessage> messages, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>Ends entries (done or failed), drops their leases and payloads (one round trip for the lot).</summary>
    Task CompleteAsync(IReadOnlyList<string> keys, InboxState state, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Gives up <paramref name="owner"/>'s lease of a pending entry: anyone may claim it from <paramref name="retryAt"/>.</summary>
    Task ReleaseAsync(string key, string owner, DateTimeOffset retryAt, CancellationToken cancellationToken);

    /// <summary>Extends the lease of every pending entry <paramref name="owner"/> holds (the live process is still at them).</summary>
    Task<int> RenewAsync(string owner, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>
    /// Leases to <paramref name="owner"/> up to <paramref name="max"/> pending entries of <paramref name="platforms"/>
    /// whose lease expired, oldest first, counting a run of each. Concurrent claimers never get the same entry.
    /// </summary>
    Task<IReadOnlyList<InboxEntry>> ClaimAsync(IReadOnlyCollection<string> platforms, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken cancellationToken);

    /// <summary>Deletes done and failed entries last touched at or before <paramref name="before"/>; returns how many.</summary>
    Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken);

    Task<InboxEntry?> FindAsync(string key, CancellationToken cancellationToken);
}
