namespace SloBot.Transport.Inbound;

/// <summary>
/// Acknowledgements come before work. A transport holds a <see cref="Begin"/> scope from the moment an event arrives
/// until its acknowledgement is sent (Slack's envelope ack or HTTP 200, Discord's deferral); work waits in
/// <see cref="SettledAsync"/> until no acknowledgement is pending — and, in a burst (from an event arriving while
/// <see cref="BurstPending"/> are pending until the gate is found settled), until none began or was sent for
/// <see cref="Quiet"/> — at most <see cref="MaxHold"/>, so work always progresses under sustained load. A burst's
/// acknowledgements then have the CPU, the thread pool and the store to themselves (the platforms want them within
/// 3 seconds; the answers may follow later), while a lone command starts as soon as it is acknowledged. One watcher
/// decides when the burst is over, however much work waits.
/// </summary>
public sealed class AckGate(TimeProvider time)
{
    public static readonly TimeSpan MaxHold = TimeSpan.FromMilliseconds(250);
    public static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(5);

    /// <summary>An event arriving with this many acknowledgements pending starts a burst.</summary>
    public const int BurstPending = 8;

    private readonly Lock _sync = new();
    private int _pending;
    private long _lastActivity; // the last begin or end
    private bool _burst;
    private bool _watching;
    private TaskCompletionSource? _settled;

    /// <summary>Acknowledgements begun and not yet sent.</summary>
    public int Pending
    {
        get
        {
            lock (_sync)
                return _pending;
        }
    }

    /// <summary>Marks one acknowledgement as pending until the returned scope is disposed (once: a second dispose is ignored).</summary>
    public Scope Begin()
    {
        lock (_sync)
        {
            _burst |= _pending >= BurstPending; // congestion: a burst until the gate is found settled
            _pending++;
            _lastActivity = time.GetTimestamp();
            WatchIfNeeded();
        }

        return new Scope(this);
    }

    /// <summary>
    /// Completes once nothing is pending (in a burst: and nothing began or was sent for <see cref="Quiet"/>), or after
    /// <see cref="MaxHold"/>.
    /// </summary>
    public async Task SettledAsync(CancellationToken cancellationToken)
    {
        Task settled;
        lock (_sync)
        {
            if (IsSettled())
                return;
            _settled ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            WatchIfNeeded();
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

    /// <summary>Under the lock: true when work may go on; ends the burst when it is over.</summary>
    private bool IsSettled()
    {
        if (_pending > 0 || (_burst && time.GetElapsedTime(_lastActivity) < Quiet))
            return false;
        _burst = false;
        return true;
    }

    /// <summary>Under the lock: in a burst with work waiting, one watcher looks every <see cref="Quiet"/> whether it is over (outside a burst, the last ack's end says so).</summary>
    private void WatchIfNeeded()
    {
        if (_burst && _settled is not null && !_watching)
        {
            _watching = true;
            _ = WatchAsync();
        }
    }

    private async Task WatchAsync()
    {
        while (true)
        {
            await Task.Delay(Quiet, time).ConfigureAwait(false);
            TaskCompletionSource? release;
            lock (_sync)
            {
                if (_settled is not null && !IsSettled())
                    continue;
                (release, _settled, _watching) = (_settled, null, false);
            }

            release?.TrySetResult();
            return;
        }
    }

    private void End()
    {
        TaskCompletionSource? release = null;
        lock (_sync)
        {
            _pending--;
            _lastActivity = time.GetTimestamp();
            if (_pending == 0 && !_burst && _settled is not null)
                (release, _settled) = (_settled, null);
        }

        release?.TrySetResult();
    }

    /// <summary>One pending acknowledgement; disposing it (the first time) marks it sent.</summary>
    public sealed class Scope : IDisposable
    {
        private AckGate? _owner;

        internal Scope(AckGate owner) => _owner = owner;

        public void Dispose() => Interlocked.Exchange(ref _owner, null)?.End();
    }
}
