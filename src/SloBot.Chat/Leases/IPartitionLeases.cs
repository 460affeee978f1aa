namespace SloBot.Chat.Leases;

/// <summary>
/// Numbered partitions of some work (a connection per partition, say) shared out among live replicas: each partition
/// is held by at most one owner until its lease expires. An owner heartbeats and renews everything it holds in one
/// call, takes free or expired partitions one by one, and releases what it gives up. Stored with the state, so
/// replicas sharing the database share the table; in memory it serves one process.
/// </summary>
/// <remarks>
/// Times are the caller's clock (<see cref="TimeProvider"/>); replicas are expected to keep their clocks in step
/// (NTP). A group names one set of partitions (<c>"gateway-shards/4"</c>): groups never share rows or owners.
/// </remarks>
public interface IPartitionLeases
{
    /// <summary>
    /// Records that <paramref name="owner"/> is alive until <paramref name="until"/>, extends every lease it still holds
    /// in <paramref name="group"/> to <paramref name="until"/> (one another owner took is no longer its own), and
    /// returns the group's leases and live owners as they are after that.
    /// </summary>
    Task<LeaseTable> RenewAsync(string group, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>
    /// Takes <paramref name="partition"/> until <paramref name="until"/> when nobody holds it or its lease ended at or
    /// before <paramref name="now"/>. Never extends a lease still running, not even the caller's own (that is <see cref="RenewAsync"/>).
    /// </summary>
    Task<LeaseAttempt> TryAcquireAsync(string group, int partition, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Gives up <paramref name="partition"/>, or, when null, every lease and the heartbeat of <paramref name="owner"/> in the group. Another owner's lease is left alone.</summary>
    Task ReleaseAsync(string group, string owner, int? partition, CancellationToken cancellationToken);
}

/// <summary>One partition's holder and when its lease ends.</summary>
public sealed record Lease(int Partition, string Owner, DateTimeOffset ExpiresAt);

/// <summary>A group's leases (expired ones included, until someone takes them) and the owners whose heartbeat has not expired.</summary>
public sealed record LeaseTable(IReadOnlyList<Lease> Leases, IReadOnlyList<string> LiveOwners);

/// <summary>Whether the partition was taken, and until when it is held (by the caller when taken, else by its holder).</summary>
public readonly record struct LeaseAttempt(bool Acquired, DateTimeOffset HeldUntil);
