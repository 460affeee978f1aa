using System.Collections.Concurrent;

namespace SloBot.Transport.Inbound;

/// <summary>
/// Ids seen recently (envelope, event, interaction or message ids): platforms deliver at least once, and a redelivery
/// comes within minutes. An id is remembered <see cref="Ttl"/> on the injected clock; memory is bounded by
/// <c>capacity</c>: past it, expired entries are dropped, then the oldest half, so a flood of distinct ids cannot grow
/// memory without limit (it can only make the oldest ids be forgotten early).
/// </summary>
public sealed class RecentIds
{
    private readonly ConcurrentDictionary<string, Seen> _seen = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly int _capacity;
    private long _order;
    private int _count; // ConcurrentDictionary.Count takes every lock: this is kept beside it, exact once adds and removes settle

    public RecentIds(TimeProvider time, TimeSpan ttl, int capacity)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        _time = time;
        Ttl = ttl;
        _capacity = capacity;
    }

    public TimeSpan Ttl { get; }

    /// <summary>Ids remembered right now (expired ones included until the next prune).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>True the first time an id is seen within the TTL.</summary>
    public bool TryAdd(string id)
    {
        var now = _time.GetUtcNow();
        if (Volatile.Read(ref _count) >= _capacity)
            Prune(now);
        var seen = new Seen(now, Interlocked.Increment(ref _order));
        while (true)
        {
            if (_seen.TryAdd(id, seen))
            {
                Interlocked.Increment(ref _count);
                return true;
            }

            if (!_seen.TryGetValue(id, out var before))
                continue;
            if (now - before.At < Ttl)
                return false;
            if (_seen.TryUpdate(id, seen, before))
                return true;
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (id, seen) in _seen)
        {
            if (now - seen.At >= Ttl)
                Remove(id);
        }

        if (Volatile.Read(ref _count) < _capacity)
            return;
        foreach (var (id, _) in _seen.OrderBy(x => x.Value.Order).Take(_capacity / 2).ToArray())
            Remove(id);
    }

    private void Remove(string id)
    {
        if (_seen.TryRemove(id, out _))
            Interlocked.Decrement(ref _count);
    }

    /// <summary>When an id was seen, and in which order (ids seen within one clock tick are still dropped oldest first).</summary>
    private readonly record struct Seen(DateTimeOffset At, long Order);
}
