using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SloBot.Chat.Delivery;
using Xunit;

namespace SloBot.Chat.Tests;

public sealed class OutboxLaneTests
{
    [Fact]
    public async Task SendAsync_ManyOneOffLanes_ForgetsEachLaneOnceIdle()
    {
        var outbox = new Outbox(new FakeTimeProvider(), NullLogger<Outbox>.Instance);

        for (var i = 0; i < 100; i++)
            await outbox.SendAsync($"interaction:{i}", $"key:{i}", _ => Task.FromResult(i), CancellationToken.None);

        Assert.Equal(0, outbox.ActiveLanes);
    }

    [Fact]
    public async Task SendAsync_SameLane_StaysOrdered_WhileTheLaneIsBusy()
    {
        var outbox = new Outbox(new FakeTimeProvider(), NullLogger<Outbox>.Instance);
        var first = new TaskCompletionSource();
        var order = new List<int>();

        var a = outbox.SendAsync("channel", "a", async _ => { await first.Task; order.Add(1); return 1; }, CancellationToken.None);
        var b = outbox.SendAsync("channel", "b", _ => { order.Add(2); return Task.FromResult(2); }, CancellationToken.None);
        Assert.Equal(1, outbox.ActiveLanes);
        Assert.False(b.IsCompleted);

        first.SetResult();
        await Task.WhenAll(a, b);
        Assert.Equal([1, 2], order);
        Assert.Equal(0, outbox.ActiveLanes);
    }
}
