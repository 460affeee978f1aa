namespace SloBot.Discord.Inbound;

/// <summary>
/// Initial responses come before work. During a burst, commands wait until the deferrals are sent and no new
/// interaction has arrived for <see cref="Quiet"/> — at most <see cref="MaxHold"/>, so work always progresses under
/// sustained load — leaving the CPU and the connections to the deferrals, which Discord needs within 3 seconds;
/// the edits that follow have 15 minutes. One watcher decides when the burst is over, however many commands wait.
/// </summary>
internal sealed class Deferrals(TimeProvider time)
{
    public static readonly TimeSpan MaxHold = TimeSpan.FromMilliseconds(250);
    public static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(5);
    private readonly Lock _sync = new();
    private int _sending;
    private long _lastBegin;
    private TaskCompletionSource? _settled;

    /// <summary>Marks one deferral as being sent until the returned scope is disposed.</summary>
    public Scope Begin()
    {
        lock (_sync)
        {
            _sending++;
            _lastBegin = time.GetTimestamp();
        }

        return new Scope(this);
    }

    /// <summary>Completes once the burst is over (nothing being deferred, nothing new for <see cref="Quiet"/>), or after <see cref="MaxHold"/>.</summary>
    public async Task SettledAsync(CancellationToken cancellationToken)
    {
        Task settled;
        lock (_sync)
        {
            if (_lastBegin == 0 || IsQuiet())
                return;
            if (_settled is null)
            {
                _settled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _ = WatchAsync(_settled);
            }

            settled = _settled.Task;
        }

        try
        {
            await settled.WaitAsync(MaxHold, time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // sustained load: go on anyway
        }
    }

    private bool IsQuiet() => _sending == 0 && time.GetElapsedTime(_lastBegin) >= Quiet;

    private async Task WatchAsync(TaskCompletionSource settled)
    {
        while (true)
        {
            await Task.Delay(Quiet, time).ConfigureAwait(false);
            lock (_sync)
            {
                if (!IsQuiet())
                    continue;
                _settled = null;
            }

            settled.TrySetResult();
            return;
        }
    }

    private void End()
    {
        lock (_sync)
            _sending--;
    }

    internal readonly struct Scope(Deferrals owner) : IDisposable
    {
        public void Dispose() => owner.End();
    }
}
