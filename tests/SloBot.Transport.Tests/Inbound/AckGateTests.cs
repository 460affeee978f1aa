using SloBot.Testing;
using SloBot.Transport.Inbound;

namespace SloBot.Transport.Tests.Inbound;

/// <remarks>
/// Where nothing may happen yet, the tests wait for the event that settles it — the watcher deciding the burst goes on
/// and waiting another quiet time on the clock (a new <see cref="AckGate.Quiet"/> timer) — and then assert; until the
/// clock is advanced nothing can complete the work.
/// </remarks>
public sealed class AckGateTests
{
    [Fact]
    public async Task Work_WaitsUntilTheAcksAreSent_AndNoneArrivedForTheQuietTime()
    {
        var clock = new RecordingTimeProvider();
        var gate = new AckGate(clock);
        Assert.True(gate.SettledAsync(CancellationToken.None).IsCompleted); // no burst yet: no wait

        var burst = Enumerable.Range(0, AckGate.BurstPending + 1).Select(_ => gate.Begin()).ToArray();
        var work = gate.SettledAsync(CancellationToken.None);
        await QuietTimersAsync(clock, 1);
        clock.Advance(AckGate.Quiet);
        await QuietTimersAsync(clock, 2); // the watcher looked: all still being sent
        Assert.False(work.IsCompleted);

        foreach (var ack in burst)
            ack.Dispose();
        clock.Advance(AckGate.Quiet / 2);
        gate.Begin().Dispose(); // sent, but the burst goes on: another event arrived
        clock.Advance(AckGate.Quiet / 2);
        await QuietTimersAsync(clock, 3); // the watcher looked: the last arrival is not a quiet time ago
        Assert.False(work.IsCompleted);

        clock.Advance(AckGate.Quiet);
        await work.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(gate.SettledAsync(CancellationToken.None).IsCompleted);
    }

    [Fact]
    public void FewEventsAtOnce_WorkStartsAsSoonAsTheyAreAcknowledged_WithoutAQuietTime()
    {
        var clock = new RecordingTimeProvider();
        var gate = new AckGate(clock);
        var acks = Enumerable.Range(0, AckGate.BurstPending).Select(_ => gate.Begin()).ToArray();
        var work = gate.SettledAsync(CancellationToken.None);
        Assert.False(work.IsCompleted);
        foreach (var ack in acks)
            ack.Dispose();
        Assert.True(gate.SettledAsync(CancellationToken.None).IsCompleted); // the clock never moved
    }

    [Fact]
    public void LoneEvent_WorkStartsAsSoonAsItIsAcknowledged()
    {
        var clock = new RecordingTimeProvider();
        var gate = new AckGate(clock);
        var ack = gate.Begin();
        Assert.Equal(1, gate.Pending);
        ack.Dispose();
        ack.Dispose(); // a second dispose is ignored
        Assert.Equal(0, gate.Pending);
        Assert.True(gate.SettledAsync(CancellationToken.None).IsCompleted);

        clock.Advance(AckGate.Quiet); // the next lone event, a quiet time later: no wait either
        gate.Begin().Dispose();
        Assert.True(gate.SettledAsync(CancellationToken.None).IsCompleted);
        Assert.Equal(0, clock.TimersOf(AckGate.Quiet));
    }

    [Fact]
    public async Task Work_GoesOnAfterMaxHold_WhenAcksNeverStop()
    {
        var clock = new RecordingTimeProvider();
        var gate = new AckGate(clock);
        var endless = Enumerable.Range(0, AckGate.BurstPending + 1).Select(_ => gate.Begin()).ToArray(); // never sent
        var work = gate.SettledAsync(CancellationToken.None);

        var looks = 0;
        for (var waited = TimeSpan.Zero; waited < AckGate.MaxHold - AckGate.Quiet; waited += AckGate.Quiet)
        {
            await QuietTimersAsync(clock, ++looks);
            clock.Advance(AckGate.Quiet);
        }

        await QuietTimersAsync(clock, looks + 1); // the last look: still being sent, MaxHold not reached
        Assert.False(work.IsCompleted);
        clock.Advance(AckGate.Quiet);
        await work.WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>Waits until the burst watcher has started <paramref name="count"/> quiet-time waits on the clock.</summary>
    private static Task QuietTimersAsync(RecordingTimeProvider clock, int count) =>
        Poll.UntilAsync(() => clock.TimersOf(AckGate.Quiet) >= count, $"quiet-time wait {count} of the burst watcher");
}
