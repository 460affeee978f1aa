namespace SloBot.Discord.Interactions;

/// <summary>
/// Initial responses come before work: while a burst's deferrals are still being sent, commands wait (at most
/// <see cref="MaxHold"/>, so work always progresses under sustained load) and leave the CPU and the connection pool
/// to the deferrals, which Discord needs within 3 seconds; edits of the original response have 15 minutes.
/// </summary>
internal sealed class Deferrals
{
    public static readonly TimeSpan MaxHold = TimeSpan.FromMilliseconds(250);
    private readonly Lock _sync = new();
    private int _sending;
    private TaskCompletionSource? _settled;

    /// <summary>Marks one deferral as being sent until the returned scope is disposed.</summary>
    public Scope Begin()
    {
        lock (_sync)
            _sending++;
        return new Scope(this);
    }

    /// <summary>Completes when no deferral is being sent, or after <see cref="MaxHold"/>.</summary>
    public async Task SettledAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        Task settled;
        lock (_sync)
        {
            if (_sending == 0)
                return;
            settled = (_settled ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
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

    private void End()
    {
        lock (_sync)
        {
            if (--_sending == 0)
            {
                _settled?.TrySetResult();
                _settled = null;
            }
        }
    }

    internal readonly struct Scope(Deferrals owner) : IDisposable
    {
        public void Dispose() => owner.End();
    }
}
