using SloBot.Core.Budgets;
using SloBot.Core.Sli;
using Xunit;

namespace SloBot.Core.Tests.Budgets;

/// <summary>Issue 12 items 1 and 4: coverage and the hour-by-hour exhaustion projection from the hourly history.</summary>
public sealed class BudgetHistoryTests
{
    private static readonly DateTimeOffset End = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromDays(30);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private const double Target = 0.999; // 1,000 events an hour: 1 bad event an hour is a burn of 1×, 720 the budget

    [Fact]
    public void ProjectExhaustion_OldErrorsLeaving_LaterThanTheClosedForm()
    {
        // 0.5 bad an hour for 30 days (half the budget spent, evenly); then 2× (2 bad an hour) continues. Every hour
        // 0.5 bad leaves and 2 arrive: (360 + 1.5 h) / 720 reaches 1 after 240 hours, not remaining × window ÷ burn = 180.
        var buckets = Hourly(_ => 0.5);

        var at = BudgetHistory.ProjectExhaustion(buckets, Hour, Target, Window, End, burn: 2);

        Assert.Equal(End + TimeSpan.FromHours(240), at);
        Assert.Equal(End + TimeSpan.FromHours(180), BudgetMath.ProjectExhaustion(0.5, 2, Window, End));
    }

    [Fact]
    public void ProjectExhaustion_RecentErrorsOnly_NothingLeavesBeforeItRunsOut()
    {
        // 300 bad in the last hour (41.7 % spent), clean before; at 1.5× the rest (420) lasts 420 ÷ 1.5 = 280 hours.
        var buckets = Hourly(end => end == End ? 300 : 0);

        Assert.Equal(End + TimeSpan.FromHours(280), BudgetHistory.ProjectExhaustion(buckets, Hour, Target, Window, End, burn: 1.5));
    }

    [Theory]
    [InlineData(0.29)]
    [InlineData(0.99)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void ProjectExhaustion_BelowOneOrNotANumber_Null(double burn) =>
        Assert.Null(BudgetHistory.ProjectExhaustion(Hourly(_ => 0.5), Hour, Target, Window, End, burn));

    [Fact]
    public void ProjectExhaustion_AlreadySpent_Null() =>
        Assert.Null(BudgetHistory.ProjectExhaustion(Hourly(_ => 1), Hour, Target, Window, End, burn: 3));

    [Fact]
    public void ProjectExhaustion_AtExactlyOneTimesWithErrorsLeaving_NeverRunsOut() =>
        Assert.Null(BudgetHistory.ProjectExhaustion(Hourly(_ => 0.9), Hour, Target, Window, End, burn: 1));

    [Fact]
    public void ProjectExhaustion_TwoRunsAMinuteApart_SameHour()
    {
        var buckets = Hourly(end => end > End - TimeSpan.FromHours(5) ? 4 : 0.2);
        var first = BudgetHistory.End(End + TimeSpan.FromMinutes(5));
        var second = BudgetHistory.End(End + TimeSpan.FromMinutes(6));

        Assert.Equal(first, second);
        var at = BudgetHistory.ProjectExhaustion(buckets, Hour, Target, Window, first, burn: 3);
        Assert.NotNull(at);
        Assert.Equal(0, at!.Value.Minute);
        Assert.Equal(at, BudgetHistory.ProjectExhaustion(buckets, Hour, Target, Window, second, burn: 3));
    }

    [Fact]
    public void Coverage_ThreeDaysOfThirty_ATenth()
    {
        var buckets = Hourly(_ => 0).Select(b => b.End > End - TimeSpan.FromDays(3) ? b : EventBucket.NoData(b.End)).ToArray();

        Assert.Equal(0.1, BudgetHistory.Coverage(buckets, Window, End, Hour)!.Value, 12);
        Assert.Equal(1, BudgetHistory.Coverage(Hourly(_ => 0), Window, End, Hour));
        Assert.Null(BudgetHistory.Coverage([], Window, End, Hour));
    }

    [Fact]
    public void ProjectExhaustion_PartialCoverage_TrafficRateFromTheCoveredHoursOnly()
    {
        // 72 covered hours of 1,000 events with 2 bad each (144 of a 72-hour-sized budget of 72: spent) is exhausted;
        // with 0.5 bad each (36 of 72) and 2× continuing: new hours add 2 bad per 1,000, nothing leaves within 648 hours:
        // (36 + 2h) / (0.001 × (72,000 + 1,000h)) = 1 at h = 36.
        var buckets = Hourly(_ => 0.5).Select(b => b.End > End - TimeSpan.FromDays(3) ? b : EventBucket.NoData(b.End)).ToArray();

        Assert.Equal(End + TimeSpan.FromHours(36), BudgetHistory.ProjectExhaustion(buckets, Hour, Target, Window, End, burn: 2));
    }

    private static EventBucket[] Hourly(Func<DateTimeOffset, double> bad) =>
        Enumerable.Range(0, 720)
            .Select(i => End - TimeSpan.FromHours(719 - i))
            .Select(end => new EventBucket(end, new EventCounts(1000 - bad(end), 1000)))
            .ToArray();
}
