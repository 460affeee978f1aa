namespace SloBot.Discord.Inbound;

/// <summary>Remembers the last ids seen so a redelivered event (Gateway resume replay, HTTP retry) is handled once.</summary>
internal sealed class RecentIds(int capacity = 10_000)
{
    private readonly HashSet<string> _set = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly Lock _sync = new();

    /// <returns>True the first time an id is seen.</returns>
    public bool TryAdd(string id)
    {
        lock (_sync)
        {
            if (!_set.Add(id))
                return false;
            _order.Enqueue(id);
            if (_order.Count > capacity)
                _set.Remove(_order.Dequeue());
            return true;
        }
    }
}
