using SloBot.Core.Toil;

namespace SloBot.Chat.Toil;

/// <summary>A recorded toil task; <see cref="Id"/> is what <c>/slo toil remove</c> takes (never reused).</summary>
public sealed record StoredToilTask(int Id, ToilTask Task, string AddedBy, DateTimeOffset AddedAt);

/// <summary>The team's toil tasks (SQL in SloBot.Storage; <see cref="InMemoryToilStore"/> without a database).</summary>
public interface IToilStore
{
    Task<StoredToilTask> AddAsync(ToilTask task, string addedBy, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The tasks not removed, oldest first.</summary>
    Task<IReadOnlyList<StoredToilTask>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The removed task, or null when there is no such task (or it was removed before).</summary>
    Task<StoredToilTask?> RemoveAsync(int id, string removedBy, DateTimeOffset at, CancellationToken cancellationToken);
}

public sealed class InMemoryToilStore : IToilStore
{
    private readonly List<(StoredToilTask Task, bool Removed)> _tasks = [];
    private readonly Lock _gate = new();

    public Task<StoredToilTask> AddAsync(ToilTask task, string addedBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var stored = new StoredToilTask(_tasks.Count + 1, task, addedBy, at);
            _tasks.Add((stored, false));
            return Task.FromResult(stored);
        }
    }

    public Task<IReadOnlyList<StoredToilTask>> ListAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<StoredToilTask>>(_tasks.Where(t => !t.Removed).Select(t => t.Task).ToArray());
    }

    public Task<StoredToilTask?> RemoveAsync(int id, string removedBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var index = _tasks.FindIndex(t => t.Task.Id == id && !t.Removed);
            if (index < 0)
                return Task.FromResult<StoredToilTask?>(null);
            _tasks[index] = (_tasks[index].Task, true);
            return Task.FromResult<StoredToilTask?>(_tasks[index].Task);
        }
    }
}
