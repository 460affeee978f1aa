using Microsoft.Extensions.Time.Testing;
using SloBot.Discord.Delivery;
using SloBot.Discord.Inbound;

namespace SloBot.Discord.Tests.Inbound;

public sealed class DeferralsTests
{
    [Fact]
    public async Task Work_WaitsUntilTheDeferralsAreSent_AndNoneArrivedForTheQuietTime()
    {
        var clock = new FakeTimeProvider();
        var deferrals = new Deferrals(clock);
        Assert.True(deferrals.SettledAsync(CancellationToken.None).IsCompleted); // no burst yet: no wait

        var first = deferrals.Begin();
        var second = deferrals.Begin();
        var work = deferrals.SettledAsync(CancellationToken.None);
        first.Dispose();
        second.Dispose();
        await Task.Delay(50);
        Assert.False(work.IsCompleted); // sent, but the burst may go on

        clock.Advance(Deferrals.Quiet);
        await work.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(deferrals.SettledAsync(CancellationToken.None).IsCompleted);
    }

    [Fact]
    public async Task Work_GoesOnAfterMaxHold_WhenDeferralsNeverStop()
    {
        var clock = new FakeTimeProvider();
        var deferrals = new Deferrals(clock);
        using var endless = deferrals.Begin();
        var work = deferrals.SettledAsync(CancellationToken.None);

        for (var waited = TimeSpan.Zero; waited < Deferrals.MaxHold - Deferrals.Quiet; waited += Deferrals.Quiet)
            clock.Advance(Deferrals.Quiet);
        await Task.Delay(50);
        Assert.False(work.IsCompleted);
        clock.Advance(Deferrals.Quiet);
        await work.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
