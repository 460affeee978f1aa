using SloBot.Core.Budgets;
using SloBot.Core.Catalog;
using SloBot.Core.Sli;
using Xunit;

namespace SloBot.Core.Tests.Budgets;

public sealed class BurnDownTests
{
    private static readonly DateTimeOffset End = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly SloDefinition Slo = new("payment", "availability", 0.99, TimeSpan.FromDays(1), SliQuery.EmbeddedOnly);

    [Fact]
    public void LastPoint_IsTheBudgetRemainingOverTheWholeWindow()
    {
        // 24 hourly buckets of 1,000 events; 30 bad events in hour 5 and 60 in hour 20: 90 of 240 allowed.
        var buckets = Enumerable.Range(1, 24).Select(h => new EventBucket(End - TimeSpan.FromDays(1) + TimeSpan.FromHours(h),
            new EventCounts(1000 - (h == 5 ? 30 : h == 20 ? 60 : 0), 1000))).ToArray();

        var line = BurnDown.Compute(Slo, buckets, End)!;

        Assert.Equal(25, line.Points.Count); // the window's start, then one point per bucket
        Assert.Equal(new BurnDownPoint(End - TimeSpan.FromDays(1), 1), line.Points[0]);
        Assert.Equal(1.0, line.Points[4].Remaining); // nothing spent before hour 5
        Assert.Equal(1 - (30 / 240.0), line.Points[5].Remaining, 12);
        Assert.Equal(1 - (90 / 240.0), line.Points[^1].Remaining, 12);
        var whole = new EventCounts(24_000 - 90, 24_000);
        Assert.Equal(1 - BudgetMath.Consumed(whole, Slo.Target), line.Points[^1].Remaining, 12);
        Assert.Equal(0.5, line.EvenBurnAt(End - TimeSpan.FromHours(12)), 12);
    }

    [Fact]
    public void Overspent_GoesBelowZero_AndBucketsOutsideTheWindowAreIgnored()
    {
        EventBucket[] buckets =
        [
            new(End - TimeSpan.FromDays(2), new EventCounts(0, 5000)), // before the window
            new(End - TimeSpan.FromHours(1), new EventCounts(900, 1000)),
            new(End, new EventCounts(1000, 1000)),
        ];

        var line = BurnDown.Compute(Slo, buckets, End)!;

        Assert.Equal(3, line.Points.Count);
        Assert.Equal(1, line.Points[0].Remaining);
        Assert.Equal(-4, line.Points[1].Remaining, 9); // 100 bad of 20 allowed
        Assert.Equal(-4, line.Points[2].Remaining, 9);
    }

    [Fact]
    public void NoEvents_NoLine()
    {
        Assert.Null(BurnDown.Compute(Slo, [], End));
        Assert.Null(BurnDown.Compute(Slo, [new EventBucket(End, EventCounts.None)], End));
    }

    [Theory]
    [InlineData(30, 60)]
    [InlineData(7, 14)]
    [InlineData(1, 2)]
    [InlineData(90, 180)]
    public void Step_IsWholeMinutes_AboutSevenHundredTwentyBuckets(int days, int minutes)
    {
        Assert.Equal(TimeSpan.FromMinutes(minutes), BurnDown.Step(TimeSpan.FromDays(days)));
        Assert.InRange(TimeSpan.FromDays(days) / BurnDown.Step(TimeSpan.FromDays(days)), 700, 720);
    }
}
