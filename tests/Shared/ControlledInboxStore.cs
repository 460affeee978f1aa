using SloBot.Chat.Delivery;

namespace SloBot.Testing;

/// <summary>The SQL inbox store of one "process", which can hold its records and die (refuse every call from then on).</summary>
internal sealed class ControlledInboxStore : IInboxStore
{
    private IInboxStore _inner = null!;
    private volatile bool _dead;

    public TaskCompletionSource? RecordGate { get; init; }

    public TaskCompletionSource RecordEntered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IInboxStore Wrap(IInboxStore inner)
    {
        _inner = inner;
        return this;
    }

    public void Die() => _dead = true;

    /// <summary>How many messages each record call carried, in call order.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<int> Records { get; } = new();

    public async Task<IReadOnlyList<bool>> RecordAsync(IReadOnlyList<InboxMessage> messages, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        Records.Enqueue(messages.Count);
        RecordEntered.TrySetResult();
        if (RecordGate is not null)
            await RecordGate.Task;
        return await Alive().RecordAsync(messages, owner, now, leaseUntil, cancellationToken);
    }

    public Task CompleteAsync(IReadOnlyList<string> keys, InboxState state, DateTimeOffset now, CancellationToken cancellationToken) => Alive().CompleteAsync(keys, state, now, cancellationToken);

    public Task ReleaseAsync(string key, string owner, DateTimeOffset retryAt, CancellationToken cancellationToken) => Alive().ReleaseAsync(key, owner, retryAt, cancellationToken);

    public Task<int> RenewAsync(string owner, DateTimeOffset leaseUntil, CancellationToken cancellationToken) => Alive().RenewAsync(owner, leaseUntil, cancellationToken);

    public Task<IReadOnlyList<InboxEntry>> ClaimAsync(IReadOnlyCollection<string> platforms, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken cancellationToken) =>
        Alive().ClaimAsync(platforms, owner, now, leaseUntil, max, cancellationToken);

    public Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken) => Alive().PruneAsync(before, cancellationToken);

    public Task<InboxEntry?> FindAsync(string key, CancellationToken cancellationToken) => Alive().FindAsync(key, cancellationToken);

    private IInboxStore Alive() => _dead ? throw new InvalidOperationException("this process is dead") : _inner;
}
