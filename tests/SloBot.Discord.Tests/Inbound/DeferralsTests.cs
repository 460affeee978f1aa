using SloBot.Discord.Delivery;
using SloBot.Discord.Inbound;
using SloBot.Testing;

namespace SloBot.Discord.Tests.Inbound;

/// <remarks>
/// Where nothing may happen yet, the tests wait for the event that settles it — the watcher deciding the burst goes on
/// and waiting another quiet time on the clock (a new <see cref="Deferrals.Quiet"/> timer) — and then assert; until the
/// clock is advanced nothing can complete the work.
/// </remarks>
public sealed class DeferralsTests
{
    [Fact]
    public async Task Work_WaitsUntilTheDeferralsAreSent_AndNoneArrivedForTheQuietTime()
    {
        var clock = new RecordingTimeProvider();
        var deferrals = new Deferrals(clock);
        Assert.True(deferrals.SettledAsync(CancellationToken.None).IsCompleted); // no burst yet: no wait

        var first = deferrals.Begin();
        var second = deferrals.Begin();
        var work = deferrals.SettledAsync(CancellationToken.None);
        await QuietTimersAsync(clock, 1);
        clock.Advance(Deferrals.Quiet);
        await QuietTimersAsync(clock, 2); // the watcher looked: two still being sent
        Assert.False(work.IsCompleted);

        first.Dispose();
        second.Dispose();
        clock.Advance(Deferrals.Quiet / 2);
        deferrals.Begin().Dispose(); // sent, but the burst goes on: another interaction arrived
        clock.Advance(Deferrals.Quiet / 2);
        await QuietTimersAsync(clock, 3); // the watcher looked: the last arrival is not a quiet time ago
        Assert.False(work.IsCompleted);

        clock.Advance(Deferrals.Quiet);
        await work.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(deferrals.SettledAsync(CancellationToken.None).IsCompleted);
    }

    [Fact]
    public async Task Work_GoesOnAfterMaxHold_WhenDeferralsNeverStop()
    {
        var clock = new RecordingTimeProvider();
        var deferrals = new Deferrals(clock);
        using var endless = deferrals.Begin();
        var work = deferrals.SettledAsync(CancellationToken.None);

        var looks = 0;
        for (var waited = TimeSpan.Zero; waited < Deferrals.MaxHold - Deferrals.Quiet; waited += Deferrals.Quiet)
        {
            await QuietTimersAsync(clock, ++looks);
            clock.Advance(Deferrals.Quiet);
        }

        await QuietTimersAsync(clock, looks + 1); // the last look: still being sent, MaxHold not reached
        Assert.False(work.IsCompleted);
        clock.Advance(Deferrals.Quiet);
        await work.WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>Waits until the burst watcher has started <paramref name="count"/> quiet-time waits on the clock.</summary>
    private static Task QuietTimersAsync(RecordingTimeProvider clock, int count) =>
        Poll.UntilAsync(() => clock.TimersOf(Deferrals.Quiet) >= count, $"quiet-time wait {count} of the burst watcher");
}
