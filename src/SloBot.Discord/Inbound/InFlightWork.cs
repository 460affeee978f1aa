using System.Collections.Concurrent;

namespace SloBot.Discord.Inbound;

/// <summary>
/// The interactions and thread messages being handled, so shutdown can wait for them: <see cref="DrainAsync"/> waits
/// until they finish or the host's grace period ends, then cancels <see cref="Stopping"/> — the chat layer answers
/// what that cuts short with "SloBot is restarting" — and waits a little longer for those answers.
/// </summary>
internal sealed class InFlightWork(TimeProvider time) : IDisposable
{
    /// <summary>How long work cut short at shutdown gets to tell its askers SloBot is restarting.</summary>
    internal static readonly TimeSpan RestartNoticeGrace = TimeSpan.FromSeconds(6);

    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, byte> _running = new();

    /// <summary>Cancelled when the grace period has ended: the token the work runs with.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>Work being handled right now.</summary>
    public int Count => _running.Count;

    /// <summary>Keeps <paramref name="work"/> until it ends (whatever way) and returns it.</summary>
    public Task Track(Task work)
    {
        if (work.IsCompleted)
            return work;
        _running.TryAdd(work, 0);
        _ = work.ContinueWith(static (done, state) => ((ConcurrentDictionary<Task, byte>)state!).TryRemove(done, out _), _running, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return work;
    }

    /// <summary>Host shutdown: see the class summary. Returns the number of pieces of work still running at the end.</summary>
    public async Task<int> DrainAsync(CancellationToken grace)
    {
        try
        {
            await AllAsync().WaitAsync(grace).ConfigureAwait(false);
            return 0;
        }
        catch (OperationCanceledException)
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
        }

        try
        {
            await AllAsync().WaitAsync(RestartNoticeGrace, time, CancellationToken.None).ConfigureAwait(false);
            return 0;
        }
        catch (TimeoutException)
        {
            return Count;
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    /// <summary>Until nothing runs: work that starts while draining (an HTTP interaction still arriving) is waited for too.</summary>
    private async Task AllAsync()
    {
        while (_running.Keys.ToArray() is { Length: > 0 } running)
            await Task.WhenAll(running).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
    }
}
