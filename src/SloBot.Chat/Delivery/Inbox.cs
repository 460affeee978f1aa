using Microsoft.Extensions.Logging;

namespace SloBot.Chat.Delivery;

/// <summary>
/// Persisted inbound work: a transport records what it accepted (<see cref="RecordAsync"/>) before it acknowledges it,
/// marks it done when answered (<see cref="CompleteAsync"/>), and if this process dies between the two, another
/// process's <see cref="InboxReplay"/> runs it once after the lease expires (docs/reliability.md, "The inbox").
/// Records arriving together (a burst) share one round trip to the store, so an ack waits for one insert at most.
/// </summary>
public sealed partial class Inbox(IInboxStore store, TimeProvider time, ILogger<Inbox> logger, OutboxOptions? options = null)
{
    private const int MaxBatch = 200;
    private readonly OutboxOptions _options = options ?? new OutboxOptions();
    private readonly Lock _sync = new();
    private List<Waiter> _waiting = [];
    private int _waitingMessages;
    private bool _writing;
    private List<(string Key, InboxState State, TaskCompletionSource Marked)> _completing = [];
    private bool _completingNow;

    /// <summary>This inbox's name as a lease holder: unique per process start.</summary>
    public string Owner { get; } = $"{Environment.ProcessId}-{Guid.NewGuid():N}";

    internal IInboxStore Store => store;

    internal OutboxOptions Options => _options;

    /// <summary>
    /// Records <paramref name="message"/> leased to this process. True: recorded now, run it; false: its key was
    /// recorded before (a redelivery, here or on another replica), do not. Throws when the store cannot be reached.
    /// </summary>
    public async Task<bool> RecordAsync(InboxMessage message, CancellationToken cancellationToken)
    {
        var waiter = new Waiter([message]);
        if (Enqueue(waiter))
            _ = Task.Run(WriteAsync, CancellationToken.None);
        await waiter.Recorded.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        return waiter.Fresh[0];
    }

    /// <summary>
    /// Records <paramref name="messages"/> (events that arrived together, such as the frames a socket had buffered) as
    /// <see cref="RecordAsync"/> does each, in one round trip with whatever else is waiting; when no write is under way
    /// the caller makes it (no hand-over to another thread). One result per message, in order.
    /// </summary>
    public async Task<bool[]> RecordAllAsync(IReadOnlyList<InboxMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
            return [];
        var waiter = new Waiter([.. messages]);
        if (Enqueue(waiter))
        {
            if (TakeBatch() is { } batch)
                await WriteBatchAsync(batch).ConfigureAwait(false); // holds ours (first in, or after others that came first)
            lock (_sync)
            {
                if (_waiting.Count == 0)
                    _writing = false;
                else
                    _ = Task.Run(WriteAsync, CancellationToken.None); // what arrived meanwhile is not the caller's to write
            }
        }

        await waiter.Recorded.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        return waiter.Fresh;
    }

    /// <summary>
    /// Marks recorded work answered (or given up). Marks arriving together (the end of a burst) share one round trip,
    /// as records do. Never throws: a mark that fails leaves the entry to a recovery that finds its replies delivered.
    /// </summary>
    public Task CompleteAsync(string key, InboxState state = InboxState.Done)
    {
        var marked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool start;
        lock (_sync)
        {
            _completing.Add((key, state, marked));
            start = !_completingNow;
            _completingNow = true;
        }

        if (start)
            _ = Task.Run(CompleteWaitingAsync, CancellationToken.None);
        return marked.Task;
    }

    /// <summary>Keeps this process's leases alive while it works (the recovery worker calls it well within <see cref="OutboxOptions.InboxLeaseDuration"/>).</summary>
    public Task<int> RenewLeasesAsync(CancellationToken cancellationToken) =>
        store.RenewAsync(Owner, time.GetUtcNow() + _options.InboxLeaseDuration, cancellationToken);

    /// <summary>Adds a waiter; true when no write is under way and the caller must start one.</summary>
    private bool Enqueue(Waiter waiter)
    {
        lock (_sync)
        {
            _waiting.Add(waiter);
            _waitingMessages += waiter.Messages.Length;
            if (_writing)
                return false;
            _writing = true;
            return true;
        }
    }

    /// <summary>Group commit: whoever finds no write under way writes everything waiting, then whatever arrived meanwhile.</summary>
    private async Task WriteAsync()
    {
        while (TakeBatch() is { } batch)
            await WriteBatchAsync(batch).ConfigureAwait(false);
    }

    /// <summary>
    /// The next waiters, in arrival order, up to <see cref="MaxBatch"/> messages (a larger waiter alone); null, and the
    /// write is over, when none wait.
    /// </summary>
    private List<Waiter>? TakeBatch()
    {
        lock (_sync)
        {
            if (_waiting.Count == 0)
            {
                _writing = false;
                return null;
            }

            List<Waiter> batch;
            if (_waitingMessages <= MaxBatch)
            {
                (batch, _waiting, _waitingMessages) = (_waiting, [], 0);
                return batch;
            }

            var (taken, messages) = (0, 0);
            while (taken < _waiting.Count && (taken == 0 || messages + _waiting[taken].Messages.Length <= MaxBatch))
                messages += _waiting[taken++].Messages.Length;
            batch = _waiting[..taken];
            _waiting.RemoveRange(0, taken);
            _waitingMessages -= messages;
            return batch;
        }
    }

    private async Task WriteBatchAsync(List<Waiter> batch)
    {
        try
        {
            var now = time.GetUtcNow();
            // One key twice in a batch (a redelivery racing its first copy): the store sees it once, the second is a duplicate.
            var distinct = batch.SelectMany(w => w.Messages).DistinctBy(m => m.Key, StringComparer.Ordinal).ToArray();
            var firsts = new Dictionary<string, bool>(distinct.Length, StringComparer.Ordinal);
            foreach (var slice in distinct.Chunk(MaxBatch))
            {
                var fresh = await store.RecordAsync(slice, Owner, now, now + _options.InboxLeaseDuration, CancellationToken.None).ConfigureAwait(false);
                for (var i = 0; i < slice.Length; i++)
                    firsts[slice[i].Key] = fresh[i];
            }

            foreach (var waiter in batch)
            {
                for (var i = 0; i < waiter.Messages.Length; i++)
                {
                    var key = waiter.Messages[i].Key;
                    waiter.Fresh[i] = firsts[key];
                    firsts[key] = false;
                }

                waiter.Recorded.TrySetResult();
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            foreach (var waiter in batch)
                waiter.Recorded.TrySetException(ex);
        }
    }

    /// <summary>Group commit of the marks, like <see cref="WriteAsync"/>: one UPDATE per state and slice of <see cref="MaxBatch"/>.</summary>
    private async Task CompleteWaitingAsync()
    {
        while (true)
        {
            List<(string Key, InboxState State, TaskCompletionSource Marked)> batch;
            lock (_sync)
            {
                if (_completing.Count == 0)
                {
                    _completingNow = false;
                    return;
                }

                (batch, _completing) = (_completing, []);
            }

            foreach (var byState in batch.GroupBy(b => b.State))
            {
                foreach (var slice in byState.Select(b => b.Key).Distinct(StringComparer.Ordinal).Chunk(MaxBatch))
                {
                    try
                    {
                        await store.CompleteAsync(slice, byState.Key, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is not OutOfMemoryException)
                    {
                        LogCompleteFailed(logger, slice.Length, slice[0], ex.GetType().Name, ex.Message);
                    }
                }
            }

            foreach (var (_, _, marked) in batch)
                marked.TrySetResult();
        }
    }

    /// <summary>Messages recorded together and their results (true: recorded now), complete when <see cref="Recorded"/> is.</summary>
    private sealed class Waiter(InboxMessage[] messages)
    {
        public InboxMessage[] Messages { get; } = messages;

        public bool[] Fresh { get; } = new bool[messages.Length];

        public TaskCompletionSource Recorded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(EventId = 110, Level = LogLevel.Warning, Message = "{Count} inbound work item(s), the first {Key}, could not be marked done ({Kind}): {Reason}; a recovery may run them again and find their replies delivered")]
    private static partial void LogCompleteFailed(ILogger logger, int count, string key, string kind, string reason);
}
