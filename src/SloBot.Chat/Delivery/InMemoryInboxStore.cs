namespace SloBot.Chat.Delivery;

/// <summary>The inbox's record in this process's memory (no storage configured): de-duplicates, but does not outlive the process.</summary>
internal sealed class InMemoryInboxStore : IInboxStore
{
    private readonly Lock _sync = new();
    private readonly Dictionary<string, InboxEntry> _entries = new(StringComparer.Ordinal);
    private long _sequence;

    public Task<IReadOnlyList<bool>> RecordAsync(IReadOnlyList<InboxMessage> messages, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            var fresh = new bool[messages.Count];
            for (var i = 0; i < messages.Count; i++)
            {
                if (_entries.ContainsKey(messages[i].Key))
                    continue;
                _entries[messages[i].Key] = new InboxEntry(++_sequence, messages[i], InboxState.Pending, 1, owner, leaseUntil, now, now);
                fresh[i] = true;
            }

            return Task.FromResult<IReadOnlyList<bool>>(fresh);
        }
    }

    public Task CompleteAsync(IReadOnlyList<string> keys, InboxState state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            foreach (var key in keys)
            {
                if (_entries.TryGetValue(key, out var entry))
                    _entries[key] = entry with { Message = entry.Message with { Payload = "" }, State = state, LeaseOwner = null, LeaseUntil = DateTimeOffset.UnixEpoch, UpdatedAt = now };
            }
        }

        return Task.CompletedTask;
    }

    public Task ReleaseAsync(string key, string owner, DateTimeOffset retryAt, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            if (_entries.TryGetValue(key, out var entry) && entry.State == InboxState.Pending && entry.LeaseOwner == owner)
                _entries[key] = entry with { LeaseOwner = null, LeaseUntil = retryAt };
        }

        return Task.CompletedTask;
    }

    public Task<int> RenewAsync(string owner, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            var mine = _entries.Values.Where(e => e.State == InboxState.Pending && e.LeaseOwner == owner).ToArray();
            foreach (var entry in mine)
                _entries[entry.Key] = entry with { LeaseUntil = leaseUntil };
            return Task.FromResult(mine.Length);
        }
    }

    public Task<IReadOnlyList<InboxEntry>> ClaimAsync(IReadOnlyCollection<string> platforms, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            var claimed = _entries.Values
                .Where(e => e.State == InboxState.Pending && e.LeaseUntil <= now && platforms.Contains(e.Message.Platform, StringComparer.Ordinal))
                .OrderBy(e => e.Sequence)
                .Take(Math.Max(0, max))
                .Select(e => e with { Attempts = e.Attempts + 1, LeaseOwner = owner, LeaseUntil = leaseUntil, UpdatedAt = now })
                .ToArray();
            foreach (var entry in claimed)
                _entries[entry.Key] = entry;
            return Task.FromResult<IReadOnlyList<InboxEntry>>(claimed);
        }
    }

    public Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            var old = _entries.Values.Where(e => e.State != InboxState.Pending && e.UpdatedAt <= before).Select(e => e.Key).ToArray();
            foreach (var key in old)
                _entries.Remove(key);
            return Task.FromResult(old.Length);
        }
    }

    public Task<InboxEntry?> FindAsync(string key, CancellationToken cancellationToken)
    {
        lock (_sync)
            return Task.FromResult(_entries.GetValueOrDefault(key));
    }
}
