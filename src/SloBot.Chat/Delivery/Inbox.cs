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
    private List<(InboxMessage Message, TaskCompletionSource<bool> Recorded)> _waiting = [];
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
    public Task<bool> RecordAsync(InboxMessage message, CancellationToken cancellationToken)
    {
        var recorded = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        bool start;
        lock (_sync)
        {
            _waiting.Add((message, recorded));
            start = !_writing;
            _writing = true;
        }

        if (start)
            _ = Task.Run(WriteAsync, CancellationToken.None);
        return recorded.Task.WaitAsync(cancellationToken);
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

    /// <summary>Group commit: whoever finds no write under way writes everything waiting, then whatever arrived meanwhile.</summary>
    private async Task WriteAsync()
    {
        while (true)
        {
            List<(InboxMessage Message, TaskCompletionSource<bool> Recorded)> batch;
            lock (_sync)
            {
                if (_waiting.Count == 0)
                {
                    _writing = false;
                    return;
                }

                if (_waiting.Count <= MaxBatch)
                {
                    batch = _waiting;
                    _waiting = [];
                }
                else
                {
                    batch = _waiting[..MaxBatch];
                    _waiting.RemoveRange(0, MaxBatch);
                }
            }

            try
            {
                var now = time.GetUtcNow();
                // One key twice in a batch (a redelivery racing its first copy): the store sees it once, the second is a duplicate.
                var distinct = batch.Select(b => b.Message).DistinctBy(m => m.Key, StringComparer.Ordinal).ToArray();
                var fresh = await store.RecordAsync(distinct, Owner, now, now + _options.InboxLeaseDuration, CancellationToken.None).ConfigureAwait(false);
                var firsts = new Dictionary<string, bool>(StringComparer.Ordinal);
                for (var i = 0; i < distinct.Length; i++)
                    firsts[distinct[i].Key] = fresh[i];
                foreach (var (message, recorded) in batch)
                {
                    var first = firsts[message.Key];
                    firsts[message.Key] = false;
                    recorded.TrySetResult(first);
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                foreach (var (_, recorded) in batch)
                    recorded.TrySetException(ex);
            }
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

    [LoggerMessage(EventId = 110, Level = LogLevel.Warning, Message = "{Count} inbound work item(s), the first {Key}, could not be marked done ({Kind}): {Reason}; a recovery may run them again and find their replies delivered")]
    private static partial void LogCompleteFailed(ILogger logger, int count, string key, string kind, string reason);
}
