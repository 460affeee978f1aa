namespace SloBot.Chat.Delivery;

/// <summary>
/// The outbox's record in this process only (tests, <c>slobot ask</c>, a host without storage): the same leases and
/// states as the SQL store, lost with the process. Finished entries beyond <see cref="MaxFinished"/> are forgotten
/// oldest first, so memory stays bounded without a recovery worker pruning.
/// </summary>
public sealed class InMemoryOutboxStore : IOutboxStore
{
    public const int MaxFinished = 10_000;
    private readonly Lock _sync = new();
    private readonly Dictionary<string, OutboxEntry> _entries = new(StringComparer.Ordinal);
    private long _sequence;

    public Task<OutboxEntry> RecordAsync(OutboxMessage message, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            if (!_entries.TryGetValue(message.Key, out var entry))
            {
                ForgetOldFinished();
                entry = new OutboxEntry(++_sequence, message, OutboxState.Pending, 0, now, owner, leaseUntil, null, null, now, now);
            }
            else if (entry.State == OutboxState.Failed)
            {
                entry = entry with { Message = message, State = OutboxState.Pending, Attempts = 0, NextAttemptAt = now, LeaseOwner = owner, LeaseUntil = leaseUntil, Error = null, UpdatedAt = now };
            }
            else if (entry.State == OutboxState.Pending && entry.LeaseUntil <= now)
            {
                entry = entry with { LeaseOwner = owner, LeaseUntil = leaseUntil, UpdatedAt = now };
            }

            _entries[message.Key] = entry;
            return Task.FromResult(entry);
        }
    }

    public Task<int?> BeginAttemptAsync(string key, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            if (!_entries.TryGetValue(key, out var entry) || entry.State != OutboxState.Pending || (entry.LeaseOwner != owner && entry.LeaseUntil > now))
                return Task.FromResult<int?>(null);
            _entries[key] = entry = entry with { Attempts = entry.Attempts + 1, LeaseOwner = owner, LeaseUntil = leaseUntil, UpdatedAt = now };
            return Task.FromResult<int?>(entry.Attempts);
        }
    }

    public Task CompleteAsync(string key, OutboxState state, string? resultOrError, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            if (_entries.TryGetValue(key, out var entry))
            {
                _entries[key] = entry with
                {
                    State = state,
                    Result = state == OutboxState.Delivered ? resultOrError : null,
                    Error = state == OutboxState.Failed ? resultOrError : null,
                    LeaseOwner = null,
                    LeaseUntil = DateTimeOffset.UnixEpoch,
                    UpdatedAt = now,
                };
            }
        }

        return Task.CompletedTask;
    }

    public Task ReleaseAsync(string key, string owner, DateTimeOffset nextAttemptAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            if (_entries.TryGetValue(key, out var entry) && entry.State == OutboxState.Pending && entry.LeaseOwner == owner)
                _entries[key] = entry with { LeaseOwner = null, LeaseUntil = nextAttemptAt, NextAttemptAt = nextAttemptAt, UpdatedAt = now };
        }

        return Task.CompletedTask;
    }

    public Task<int> RenewAsync(string owner, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            var held = _entries.Values.Where(e => e.State == OutboxState.Pending && e.LeaseOwner == owner).ToArray();
            foreach (var entry in held)
                _entries[entry.Key] = entry with { LeaseUntil = leaseUntil };
            return Task.FromResult(held.Length);
        }
    }

    public Task<IReadOnlyList<OutboxEntry>> ClaimAsync(IReadOnlyCollection<string> platforms, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            var due = _entries.Values
                .Where(e => e.State == OutboxState.Pending && e.LeaseUntil <= now && e.NextAttemptAt <= now && platforms.Contains(e.Message.Platform))
                .OrderBy(e => e.Sequence)
                .Take(max)
                .Select(e => e with { LeaseOwner = owner, LeaseUntil = leaseUntil, UpdatedAt = now })
                .ToArray();
            foreach (var entry in due)
                _entries[entry.Key] = entry;
            return Task.FromResult<IReadOnlyList<OutboxEntry>>(due);
        }
    }

    public Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            var old = _entries.Values.Where(e => e.State != OutboxState.Pending && e.UpdatedAt <= before).Select(e => e.Key).ToArray();
            foreach (var key in old)
                _entries.Remove(key);
            return Task.FromResult(old.Length);
        }
    }

    public Task<OutboxEntry?> FindAsync(string key, CancellationToken cancellationToken)
    {
        lock (_sync)
            return Task.FromResult(_entries.GetValueOrDefault(key));
    }

    private void ForgetOldFinished()
    {
        var finished = _entries.Values.Where(e => e.State != OutboxState.Pending).ToArray();
        if (finished.Length < MaxFinished)
            return;
        foreach (var entry in finished.OrderBy(e => e.Sequence).Take(finished.Length - (MaxFinished / 2)))
            _entries.Remove(entry.Key);
    }
}
