namespace SloBot.Transport.Inbound;

/// <summary>
/// A transport's inbound work after the platform was acknowledged: at most <see cref="MaxConcurrency"/> pieces run at a
/// time (the rest wait their turn, first come first served), every piece is counted until it ends, and
/// <see cref="DrainAsync"/> lets shutdown wait for them. Two ways in: <see cref="TryEnqueue"/> queues a whole piece of
/// work (it runs on the thread pool when its turn comes, never on the caller's thread); <see cref="Track"/> counts work
/// the transport started itself (because something must happen before the turn, such as Discord's deferral), which
/// takes a <see cref="TurnAsync"/> for its costly part.
/// </summary>
public sealed class InboundWork : IDisposable
{
    /// <summary>How long work cut short at shutdown gets to tell its askers SloBot is restarting.</summary>
    public static readonly TimeSpan RestartNoticeGrace = TimeSpan.FromSeconds(6);

    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _turns;
    private readonly AckGate _acks;
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationToken _stoppingToken;
    private readonly Lock _sync = new();
    private int _inFlight;
    private bool _draining;
    private TaskCompletionSource? _idle;

    public InboundWork(int maxConcurrency, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrency, 1);
        ArgumentNullException.ThrowIfNull(time);
        MaxConcurrency = maxConcurrency;
        _time = time;
        _turns = new SemaphoreSlim(maxConcurrency, maxConcurrency);
        _acks = new AckGate(time);
        _stoppingToken = _stopping.Token; // read once: work that outlives Dispose still sees it cancelled
    }

    public int MaxConcurrency { get; }

    /// <summary>Cancelled when the shutdown grace period has ended: the token the work runs with.</summary>
    public CancellationToken Stopping => _stoppingToken;

    /// <summary>Work queued or running right now.</summary>
    public int InFlight
    {
        get
        {
            lock (_sync)
                return _inFlight;
        }
    }

    /// <summary>
    /// Queues <paramref name="work"/>; it runs with <see cref="Stopping"/> when one of the turns is free. False once
    /// <see cref="DrainAsync"/> has begun (the work is not taken). Work queued before a drain is cut still runs, with
    /// <see cref="Stopping"/> cancelled, so it can tell its asker SloBot is restarting. <paramref name="work"/> catches
    /// its own failures.
    /// </summary>
    public bool TryEnqueue(Func<CancellationToken, Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        lock (_sync)
        {
            if (_draining)
                return false;
            _inFlight++;
        }

        _ = Counted(QueuedAsync(work));
        return true;
    }

    /// <summary>
    /// Counts <paramref name="work"/> until it ends (whatever way) and returns it. Taken during a drain too: work still
    /// arriving then (an HTTP request already accepted) is waited for.
    /// </summary>
    public Task Track(Task work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (work.IsCompleted)
            return work;
        lock (_sync)
            _inFlight++;
        return Counted(work);
    }

    /// <summary>Acknowledgements begun (<see cref="Acknowledging"/>) and not yet sent.</summary>
    public int AcksPending => _acks.Pending;

    /// <summary>
    /// Marks an event's acknowledgement as pending, from its arrival until the returned scope is disposed (when the ack
    /// is sent): while any is pending, no work takes a turn (<see cref="AckGate"/>).
    /// </summary>
    public AckGate.Scope Acknowledging() => _acks.Begin();

    /// <summary>Completes when the gate would give a turn (<see cref="AckGate.SettledAsync"/>): the burst's acknowledgements are out.</summary>
    public Task AcksSettledAsync(CancellationToken cancellationToken) => _acks.SettledAsync(cancellationToken);

    /// <summary>
    /// One of the <see cref="MaxConcurrency"/> turns, held until the returned value is disposed. Given once the pending
    /// acknowledgements are sent (at most <see cref="AckGate.MaxHold"/> later), so a burst is acknowledged before its work.
    /// </summary>
    public async Task<Turn> TurnAsync(CancellationToken cancellationToken)
    {
        await _acks.SettledAsync(cancellationToken).ConfigureAwait(false);
        await _turns.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Turn(_turns);
    }

    /// <summary>
    /// Host shutdown: takes no new queued work and waits for what is queued or running until
    /// <paramref name="grace"/> fires; then cancels <see cref="Stopping"/> (the work answers what that cuts short with
    /// "SloBot is restarting") and waits up to <see cref="RestartNoticeGrace"/> more for those answers.
    /// </summary>
    public async Task<InboundDrain> DrainAsync(CancellationToken grace)
    {
        lock (_sync)
            _draining = true;
        try
        {
            await IdleAsync().WaitAsync(grace).ConfigureAwait(false);
            return new InboundDrain(Cancelled: 0, Unfinished: 0);
        }
        catch (OperationCanceledException)
        {
        }

        var cancelled = InFlight;
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await IdleAsync().WaitAsync(RestartNoticeGrace, _time, CancellationToken.None).ConfigureAwait(false);
            return new InboundDrain(cancelled, Unfinished: 0);
        }
        catch (TimeoutException)
        {
            return new InboundDrain(cancelled, InFlight);
        }
    }

    public void Dispose()
    {
        lock (_sync)
            _draining = true;
        _stopping.Cancel();
        _stopping.Dispose(); // _turns is not disposed: a turn still held may be released after this; its wait handle is never read
    }

    /// <summary>Waits for a turn in arrival order, then runs on the thread pool's global queue (fair: FIFO).</summary>
    private async Task QueuedAsync(Func<CancellationToken, Task> work)
    {
        using var turn = await TurnAsync(CancellationToken.None).ConfigureAwait(false);
        await Task.Factory.StartNew(() => work(Stopping), CancellationToken.None, TaskCreationOptions.PreferFairness | TaskCreationOptions.DenyChildAttach, TaskScheduler.Default).Unwrap().ConfigureAwait(false);
    }

    private Task Counted(Task work)
    {
        _ = work.ContinueWith(static (_, state) => ((InboundWork)state!).Done(), this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return work;
    }

    private void Done()
    {
        TaskCompletionSource? idle = null;
        lock (_sync)
        {
            if (--_inFlight == 0)
                (idle, _idle) = (_idle, null);
        }

        idle?.TrySetResult();
    }

    /// <summary>Completes when nothing is queued or running: work that arrives while waiting is waited for too.</summary>
    private Task IdleAsync()
    {
        lock (_sync)
        {
            if (_inFlight == 0)
                return Task.CompletedTask;
            return (_idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }
    }

    /// <summary>A turn taken by <see cref="TurnAsync"/>; disposing it frees the turn for the next waiting piece of work.</summary>
    public readonly struct Turn : IDisposable
    {
        private readonly SemaphoreSlim? _turns;

        internal Turn(SemaphoreSlim turns) => _turns = turns;

        public void Dispose() => _turns?.Release();
    }
}

/// <summary>How a drain ended: work cancelled when the grace period fired, and work unfinished even after its restart notice grace.</summary>
public readonly record struct InboundDrain(int Cancelled, int Unfinished)
{
    /// <summary>True when the grace period fired before everything finished.</summary>
    public bool Cut => Cancelled > 0;
}
