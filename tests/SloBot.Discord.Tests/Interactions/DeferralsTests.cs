using Microsoft.Extensions.Time.Testing;
using SloBot.Discord.Interactions;

namespace SloBot.Discord.Tests.Interactions;

public sealed class DeferralsTests
{
    [Fact]
    public async Task Work_WaitsUntilEveryDeferralIsSent()
    {
        var clock = new FakeTimeProvider();
        var deferrals = new Deferrals();
        Assert.True(deferrals.SettledAsync(clock, CancellationToken.None).IsCompleted); // nothing in flight: no wait

        var first = deferrals.Begin();
        var second = deferrals.Begin();
        var work = deferrals.SettledAsync(clock, CancellationToken.None);
        first.Dispose();
        await Task.Delay(50);
        Assert.False(work.IsCompleted);

        second.Dispose();
        await work.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Work_GoesOnAfterMaxHold_WhenDeferralsNeverStop()
    {
        var clock = new FakeTimeProvider();
        var deferrals = new Deferrals();
        using var endless = deferrals.Begin();
        var work = deferrals.SettledAsync(clock, CancellationToken.None);

        clock.Advance(Deferrals.MaxHold - TimeSpan.FromMilliseconds(1));
        await Task.Delay(50);
        Assert.False(work.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await work.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
