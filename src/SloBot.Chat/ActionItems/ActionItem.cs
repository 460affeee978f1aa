namespace SloBot.Chat.ActionItems;

/// <summary>The seed's action-item horizons (004, "Immediate (This Week)", "Short-term (This Month)", "Long-term (This Quarter)").</summary>
public enum ActionHorizon
{
    ThisWeek,
    ThisMonth,
    ThisQuarter,
}

/// <summary>A follow-up someone owns, from a retrospective or a weekly review. <see cref="Id"/> is what <c>/slo action done</c> takes.</summary>
public sealed record ActionItem(
    int Id,
    string Source,
    int SourceIndex,
    string SourceTitle,
    string Task,
    string? Owner,
    DateOnly? Due,
    ActionHorizon Horizon,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DoneAt = null,
    string? DoneBy = null)
{
    public bool IsDone => DoneAt is not null;
}

/// <summary>An action item as written in a conversation, before it has an id.</summary>
public sealed record NewActionItem(int Index, string Task, string? Owner, DateOnly? Due, ActionHorizon Horizon);

/// <summary>Stored action items (SQL in SloBot.Storage; <see cref="InMemoryActionItemStore"/> for tests).</summary>
public interface IActionItemStore
{
    /// <summary>Adds the items of <paramref name="source"/>; idempotent per (source, index): items already added are returned as stored.</summary>
    Task<IReadOnlyList<ActionItem>> AddAsync(string source, string sourceTitle, IReadOnlyList<NewActionItem> items, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Oldest first.</summary>
    Task<IReadOnlyList<ActionItem>> ListAsync(bool openOnly, CancellationToken cancellationToken);

    Task<ActionItem?> GetAsync(int id, CancellationToken cancellationToken);

    /// <summary>False when there is no such item or it was already done.</summary>
    Task<bool> MarkDoneAsync(int id, string by, DateTimeOffset at, CancellationToken cancellationToken);
}

public sealed class InMemoryActionItemStore : IActionItemStore
{
    private readonly List<ActionItem> _items = [];
    private readonly Lock _gate = new();

    public Task<IReadOnlyList<ActionItem>> AddAsync(string source, string sourceTitle, IReadOnlyList<NewActionItem> items, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var result = new List<ActionItem>();
            foreach (var n in items)
            {
                var existing = _items.FirstOrDefault(i => i.Source == source && i.SourceIndex == n.Index);
                if (existing is null)
                {
                    existing = new ActionItem(_items.Count + 1, source, n.Index, sourceTitle, n.Task, n.Owner, n.Due, n.Horizon, at);
                    _items.Add(existing);
                }

                result.Add(existing);
            }

            return Task.FromResult<IReadOnlyList<ActionItem>>(result);
        }
    }

    public Task<IReadOnlyList<ActionItem>> ListAsync(bool openOnly, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<ActionItem>>(_items.Where(i => !openOnly || !i.IsDone).ToArray());
    }

    public Task<ActionItem?> GetAsync(int id, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult(_items.FirstOrDefault(i => i.Id == id));
    }

    public Task<bool> MarkDoneAsync(int id, string by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var index = _items.FindIndex(i => i.Id == id);
            if (index < 0 || _items[index].IsDone)
                return Task.FromResult(false);
            _items[index] = _items[index] with { DoneAt = at, DoneBy = by };
            return Task.FromResult(true);
        }
    }
}
