using SloBot.Core.Budgets;
using SloBot.Core.Catalog;
using SloBot.Core.Sli;
using Xunit;

namespace SloBot.Core.Tests.Budgets;

/// <summary>Issue 12 item 8: incidents from the data — hours above the page factor (14.4× for 30 days), merged when under an hour apart.</summary>
public sealed class BudgetEpisodesTests
{
    private static readonly SloDefinition Slo = new("payment", "availability", 0.999, TimeSpan.FromDays(30), SliQuery.EmbeddedOnly);
    private static readonly DateTimeOffset End = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    /// <summary>720 hourly buckets of 1,000 events (a budget of 720 bad events); <paramref name="bad"/> by hours before the end.</summary>
    private static EventBucket[] History(Func<int, double> bad, Func<int, bool>? missing = null) =>
        Enumerable.Range(0, 720).Select(ago =>
        {
            var end = End - (ago * Hour);
            return missing?.Invoke(ago) == true ? EventBucket.NoData(end) : new EventBucket(end, new EventCounts(1000 - bad(ago), 1000));
        }).Reverse().ToArray();

    [Fact]
    public void Find_AdjacentHoursMerge_ACleanHourSplits_TheShareIsOfTheWindowsBudget()
    {
        // 10 hours ago and 9 hours ago: 100 bad each (100×); 7 hours ago: 20 (20×), after a clean hour; 14 bad (14×) is under the factor.
        var history = History(ago => ago switch { 10 or 9 => 100, 7 => 20, 3 => 14, _ => 0 });

        var episodes = BudgetEpisodes.Find(Slo, history, Hour, End, End - TimeSpan.FromDays(7), End);

        Assert.Equal(2, episodes.Count);
        Assert.Equal((End - (11 * Hour), End - (9 * Hour), 200.0), (episodes[0].Start, episodes[0].End, episodes[0].BadEvents));
        Assert.Equal(200.0 / 720, episodes[0].BudgetConsumed, 12);
        Assert.True(episodes[0].WarrantsRetro);
        Assert.Equal((End - (8 * Hour), End - (7 * Hour), 20.0), (episodes[1].Start, episodes[1].End, episodes[1].BadEvents));
        Assert.False(episodes[1].WarrantsRetro); // 2.8 % of the budget
    }

    [Fact]
    public void Find_OnlyThoseOverlappingThePeriod_AndAMissingHourBreaksAnEpisode()
    {
        var history = History(ago => ago is 5 or 3 or 200 ? 50 : 0, missing: ago => ago == 4);

        var lastDay = BudgetEpisodes.Find(Slo, history, Hour, End, End - TimeSpan.FromDays(1), End);

        Assert.Equal([End - (6 * Hour), End - (4 * Hour)], lastDay.Select(e => e.Start));
        Assert.Empty(BudgetEpisodes.Find(Slo, History(_ => 0), Hour, End, End - TimeSpan.FromDays(30), End));
    }
}
