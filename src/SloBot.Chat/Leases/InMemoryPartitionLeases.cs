namespace SloBot.Chat.Leases;

/// <summary>Leases of one process without storage (tests, <c>AddSloBotChat</c> alone): it is every partition's only candidate.</summary>
internal sealed class InMemoryPartitionLeases : IPartitionLeases
{
    private readonly Lock _sync = new();
    private readonly Dictionary<(string Group, int Partition), Lease> _leases = [];
    private readonly Dictionary<(string Group, string Owner), DateTimeOffset> _owners = [];

    public Task<LeaseTable> RenewAsync(string group, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            _owners[(group, owner)] = until;
            foreach (var (key, lease) in _leases.Where(kv => kv.Key.Group == group && kv.Value.Owner == owner).ToArray())
                _leases[key] = lease with { ExpiresAt = until };
            var leases = _leases.Where(kv => kv.Key.Group == group).Select(kv => kv.Value).OrderBy(l => l.Partition).ToArray();
            var live = _owners.Where(kv => kv.Key.Group == group && kv.Value > now).Select(kv => kv.Key.Owner).Order(StringComparer.Ordinal).ToArray();
            return Task.FromResult(new LeaseTable(leases, live));
        }
    }

    public Task<LeaseAttempt> TryAcquireAsync(string group, int partition, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            if (_leases.TryGetValue((group, partition), out var held) && held.ExpiresAt > now)
                return Task.FromResult(new LeaseAttempt(false, held.ExpiresAt));
            _leases[(group, partition)] = new Lease(partition, owner, until);
            return Task.FromResult(new LeaseAttempt(true, until));
        }
    }

    public Task ReleaseAsync(string group, string owner, int? partition, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            foreach (var key in _leases.Where(kv => kv.Key.Group == group && kv.Value.Owner == owner && (partition is null || kv.Key.Partition == partition)).Select(kv => kv.Key).ToArray())
                _leases.Remove(key);
            if (partition is null)
                _owners.Remove((group, owner));
            return Task.CompletedTask;
        }
    }
}
