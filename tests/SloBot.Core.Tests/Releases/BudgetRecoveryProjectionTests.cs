using SloBot.Core.Budgets;
using SloBot.Core.Releases;
using SloBot.Core.Sli;
using Xunit;

namespace SloBot.Core.Tests.Releases;

public sealed class BudgetRecoveryProjectionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero); // a Monday
    private static readonly TimeSpan Window = TimeSpan.FromDays(30);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private const double Target = 0.999; // 1,000 events an hour → 720,000 in the window, a budget of 720 bad events

    [Fact]
    public void Project_IncidentAgesOut_BackOnTheDayItLeavesTheWindow()
    {
        var buckets = Hourly(bad: end =>
            end == At(11, 3, 15) || end == At(11, 3, 16) ? 200 // the 3 November incident, 14:00–16:00: 400 bad
            : end == At(11, 20, 10) ? 250 // a smaller one on 20 November
            : 0);
        var remainingNow = 1 - (650.0 / 720_000) / (1 - Target);
        Assert.Equal(BudgetStatus.Critical, BudgetStatusBands.Classify(remainingNow));

        var recoveries = BudgetRecoveryProjection.Project(buckets, Hour, Target, Window, Now, BudgetStatus.Critical);

        Assert.Collection(
            recoveries,
            r =>
            {
                Assert.Equal(BudgetStatus.Attention, r.Status); // 450 of 720 spent: warning is skipped
                Assert.Equal(At(12, 3, 15), r.At); // the incident's first hour is 30 days old
                Assert.Equal(1 - 450.0 / 720, r.Remaining, 9);
                Assert.Equal(new BudgetIncident(At(11, 3, 14), At(11, 3, 16), 400), r.Leaving);
            },
            r =>
            {
                Assert.Equal(BudgetStatus.Healthy, r.Status);
                Assert.Equal(At(12, 3, 16), r.At);
                Assert.Equal(1 - 250.0 / 720, r.Remaining, 9);
            });
        Assert.Equal(DayOfWeek.Thursday, recoveries[0].At.DayOfWeek);
    }

    [Fact]
    public void Project_RecentIncidentExhaustedTheBudget_NoBetterBandUntilItLeaves()
    {
        var buckets = Hourly(bad: end => end == At(11, 22, 9) ? 900 : 0);

        var recoveries = BudgetRecoveryProjection.Project(buckets, Hour, Target, Window, Now, BudgetStatus.Exhausted);

        var first = Assert.Single(recoveries);
        Assert.Equal(BudgetStatus.Healthy, first.Status);
        Assert.Equal(At(12, 22, 9), first.At);
        Assert.Equal(At(11, 22, 8), first.Leaving!.Start);
    }

    [Fact]
    public void Project_SteadyBackgroundErrors_RecoverGraduallyWithoutAnIncident()
    {
        // 0.85 bad an hour everywhere plus 0.14 in the oldest 20 days: never above 1× (no incident), 679 of 720 spent.
        var buckets = Hourly(bad: end => end <= Now - TimeSpan.FromDays(10) ? 0.85 + 0.14 : 0.85);

        var recoveries = BudgetRecoveryProjection.Project(buckets, Hour, Target, Window, Now, BudgetStatus.Critical);

        // Old hours leave with 0.99 bad each: 10 % is left again after 32 of them (679.2 − 32 × 0.99 ≤ 648).
        Assert.Equal(BudgetStatus.Warning, recoveries[0].Status);
        Assert.Equal(Now + TimeSpan.FromHours(32), recoveries[0].At);
        Assert.All(recoveries, r => Assert.Null(r.Leaving));
        Assert.Equal([BudgetStatus.Warning, BudgetStatus.Attention, BudgetStatus.Healthy], recoveries.Select(r => r.Status));
    }

    [Fact]
    public void Project_NoTrafficAtAll_NothingToRecover()
    {
        var buckets = Hourly(bad: _ => 0, total: 0);

        Assert.Empty(BudgetRecoveryProjection.Project(buckets, Hour, Target, Window, Now, BudgetStatus.Healthy));
    }

    [Fact]
    public void Combine_TwoSlos_EachBandWhenTheSlowerSloReachesIt()
    {
        var fast = new List<BudgetRecovery> { new(BudgetStatus.Attention, At(11, 25, 0), 0.3, null), new(BudgetStatus.Healthy, At(11, 26, 0), 0.6, null) };
        var slow = new List<BudgetRecovery> { new(BudgetStatus.Healthy, At(12, 1, 0), 0.7, new BudgetIncident(At(11, 1, 0), At(11, 1, 2), 10)) };

        var combined = BudgetRecoveryProjection.Combine([(BudgetStatus.Critical, fast), (BudgetStatus.Warning, slow)], Now);

        // warning: fast reaches it on the 25th, slow is there now; attention and healthy wait for slow on 1 December.
        Assert.Equal([(BudgetStatus.Warning, At(11, 25, 0)), (BudgetStatus.Healthy, At(12, 1, 0))], combined.Select(r => (r.Status, r.At)));
        Assert.NotNull(combined[^1].Leaving);
    }

    [Fact]
    public void FindIncidents_OneQuietHourInside_IsOneIncident()
    {
        var buckets = Hourly(bad: end => end == At(11, 10, 3) || end == At(11, 10, 5) ? 50 : 0);

        var incident = Assert.Single(BudgetRecoveryProjection.FindIncidents(buckets, Hour, 1 - Target));

        Assert.Equal((At(11, 10, 2), At(11, 10, 5), 100.0), (incident.Start, incident.End, incident.BadEvents));
    }

    [Fact]
    public void CannotTell_EveryBucketMissing_SaysSoInsteadOfAFullBudget()
    {
        var missing = Hourly(bad: _ => 0).Select(b => EventBucket.NoData(b.End)).ToArray();

        Assert.NotNull(BudgetRecoveryProjection.CannotTell(missing, Hour, Window, Now, new EventCounts(719_000, 720_000)));
        Assert.NotNull(BudgetRecoveryProjection.CannotTell([], Hour, Window, Now, new EventCounts(719_000, 720_000)));
    }

    [Fact]
    public void CannotTell_MissingBucketsThatCannotHoldTheBadEvents_CanStillTell()
    {
        var buckets = Hourly(bad: end => end == At(11, 3, 15) ? 400 : 0).Select(b => b.End < At(11, 1, 0) ? EventBucket.NoData(b.End) : b).ToArray();

        Assert.Null(BudgetRecoveryProjection.CannotTell(buckets, Hour, Window, Now, new EventCounts(719_600, 720_000)));
        Assert.NotNull(BudgetRecoveryProjection.CannotTell(buckets, Hour, Window, Now, new EventCounts(719_000, 720_000)));
        Assert.Null(BudgetRecoveryProjection.CannotTell(Hourly(bad: _ => 1), Hour, Window, Now, new EventCounts(0, 720_000)));
    }

    private static DateTimeOffset At(int month, int day, int hour) => new(2026, month, day, hour, 0, 0, TimeSpan.Zero);

    private static List<EventBucket> Hourly(Func<DateTimeOffset, double> bad, double total = 1000)
    {
        var list = new List<EventBucket>();
        for (var end = Now - Window + Hour; end <= Now; end += Hour)
            list.Add(new EventBucket(end, new EventCounts(total - bad(end), total)));
        return list;
    }
}
