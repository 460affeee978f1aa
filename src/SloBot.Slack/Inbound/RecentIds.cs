using System.Collections.Concurrent;

namespace SloBot.Slack.Inbound;

/// <summary>
/// Ids seen recently (envelope ids, event ids): Slack delivers at least once, and redeliveries come within minutes.
/// Entries live <see cref="Ttl"/>; memory is bounded by dropping expired (then oldest) entries.
/// </summary>
internal sealed class RecentIds(TimeProvider time, TimeSpan ttl, int capacity = 50_000)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);

    public TimeSpan Ttl => ttl;

    /// <summary>True the first time an id is seen within the TTL.</summary>
    public bool TryAdd(string id)
    {
        var now = time.GetUtcNow();
        if (_seen.Count >= capacity)
            Prune(now);
        while (true)
        {
            if (_seen.TryAdd(id, now))
                return true;
            if (!_seen.TryGetValue(id, out var at))
                continue;
            if (now - at < ttl)
                return false;
            if (_seen.TryUpdate(id, now, at))
                return true;
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (id, at) in _seen)
        {
            if (now - at >= ttl)
                _seen.TryRemove(id, out _);
        }

        if (_seen.Count < capacity)
            return;
        foreach (var (id, _) in _seen.OrderBy(x => x.Value).Take(capacity / 2).ToArray())
            _seen.TryRemove(id, out _);
    }
}
