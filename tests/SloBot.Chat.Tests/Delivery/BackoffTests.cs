using SloBot.Chat.Delivery;
using Xunit;

namespace SloBot.Chat.Tests;

public sealed class BackoffTests
{
    private static readonly Backoff Doubling = new(TimeSpan.FromSeconds(1), 2, TimeSpan.FromSeconds(30));

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(5, 16)]
    [InlineData(6, 30)]
    [InlineData(1_000, 30)]
    public void Delay_WithoutJitter_GrowsByTheFactorUpToTheMax(int attempt, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Doubling.Delay(attempt));

    [Fact]
    public void Delay_AttemptZeroOrLess_IsTheInitialDelay() =>
        Assert.Equal(TimeSpan.FromSeconds(1), Doubling.Delay(0));

    [Theory]
    [InlineData(0.0, 4)]
    [InlineData(0.5, 6)]
    [InlineData(0.999_999, 8)]
    public void Delay_JitterRange_ScalesTheDelayByTheRandomDraw(double random, double seconds)
    {
        var backoff = Doubling with { MinJitter = 0.5, MaxJitter = 1 };

        Assert.Equal(seconds, backoff.Delay(4, random).TotalSeconds, precision: 3);
    }

    [Fact]
    public void Delay_JitterAtTheMax_StaysWithinTheRangeAroundTheMax()
    {
        var backoff = Doubling with { MinJitter = 0.8, MaxJitter = 1.2 };

        Assert.Equal(24, backoff.Delay(10, 0.0).TotalSeconds, precision: 3);
        Assert.Equal(36, backoff.Delay(10, 1.0).TotalSeconds, precision: 3);
    }

    [Fact]
    public void Delay_SameSeed_SameSchedule()
    {
        var backoff = Doubling with { MinJitter = 0.5, MaxJitter = 1.5 };

        var first = Enumerable.Range(1, 8).Select(n => backoff.Delay(n, new Random(42 + n))).ToArray();
        var second = Enumerable.Range(1, 8).Select(n => backoff.Delay(n, new Random(42 + n))).ToArray();

        Assert.Equal(first, second);
        Assert.All(first.Zip(Enumerable.Range(1, 8)), p => Assert.InRange(p.First, Doubling.Delay(p.Second) * 0.5, Doubling.Delay(p.Second) * 1.5));
    }

    [Fact]
    public void Delay_FromSharedRandom_StaysWithinTheJitterRange()
    {
        var backoff = new Backoff(TimeSpan.FromMilliseconds(250), 2, TimeSpan.FromSeconds(30), 0.8, 1.2);

        for (var i = 0; i < 100; i++)
            Assert.InRange(backoff.Delay(3), TimeSpan.FromMilliseconds(800), TimeSpan.FromMilliseconds(1200));
    }
}
