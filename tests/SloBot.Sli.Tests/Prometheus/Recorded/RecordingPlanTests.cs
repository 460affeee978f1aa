using SloBot.Core.Budgets;
using SloBot.Core.Catalog;
using SloBot.Core.Sli;
using SloBot.Sli.Prometheus;
using SloBot.Sli.Prometheus.Recorded;
using Xunit;

namespace SloBot.Sli.Tests.Prometheus.Recorded;

public class RecordingPlanTests
{
    private static readonly DateTimeOffset End = new(2026, 1, 15, 0, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan Month = TimeSpan.FromDays(30);

    private static readonly HashSet<TimeSpan> SlothWindows =
        [TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(6), TimeSpan.FromDays(1), TimeSpan.FromDays(3), Month];

    private static SloDefinition Slo(string service) =>
        new(service, "availability", 0.999, Month, new SliQuery(SliQueryKind.Counter, $"sum(ok_total{{service=\"{service}\"}})", null, $"sum(all_total{{service=\"{service}\"}})"));

    private static IReadOnlyList<TimeSpan> Windows(SloDefinition slo) => BudgetMath.WindowsFor([slo], End);

    [Fact]
    public void For_SloBotsRulesCoveringTheWindow_BurnWindowsFromRatiosWindowFromEventRatesNothingRaw()
    {
        var slo = Slo("shop");

        var plan = RecordingPlan.For([slo], Windows(slo), End, new Dictionary<SloId, RecordedSlo> { [slo.Id] = new(SlothWindows, true) });

        Assert.Empty(plan.Raw);
        var (_, ratios, events, windowEvents) = Assert.Single(plan.Recorded);
        Assert.Equal(Month, events);
        Assert.False(windowEvents); // only the rates recorded: their mean over the window
        Assert.DoesNotContain(Month, ratios); // never the recorded period ratio
        Assert.Equal(SlothWindows.Where(w => w != Month).Order(), ratios.Order());
    }

    [Fact]
    public void For_WindowEventsRecorded_WindowReadFromThemBurnWindowsFromRatios()
    {
        var slo = Slo("shop");

        var plan = RecordingPlan.For([slo], Windows(slo), End, new Dictionary<SloId, RecordedSlo> { [slo.Id] = new(SlothWindows, true, true, true) });

        Assert.Empty(plan.Raw);
        var (_, ratios, events, windowEvents) = Assert.Single(plan.Recorded);
        Assert.Equal(Month, events);
        Assert.True(windowEvents);
        Assert.DoesNotContain(Month, ratios);
    }

    [Fact]
    public void Apply_RecordedWindowEvents_ReadAsEventsNotRates()
    {
        var shop = Slo("shop");
        var read = new RecordedRead([(shop, [], Month, true)]);
        var counts = new SliCounts();

        var missing = read.Apply(
        [
            Sample("shop-availability", ("slobot_record", "total"), ("slobot_window", "30d")) with { Value = 1_000_000 },
            Sample("shop-availability", ("slobot_record", "bad"), ("slobot_window", "30d")) with { Value = 250 },
        ], counts);

        Assert.Empty(missing);
        Assert.Equal(new EventCounts(999_750, 1_000_000), counts.Get(shop.Id, Month));
        var term = Assert.Single(read.Terms, t => t.Contains("total", StringComparison.Ordinal) && t.Contains("increase30d", StringComparison.Ordinal));
        Assert.Contains("last_over_time(slo:sli_total_events:increase30d{sloth_id=~\"shop-availability\"}[10m])", term, StringComparison.Ordinal);
        Assert.DoesNotContain(read.Terms, t => t.Contains("avg_over_time", StringComparison.Ordinal)); // no scan of the window's rates
    }

    [Fact]
    public void Query_DetectsTheWindowsRecordedEventsOverTheLastTenMinutes()
    {
        var query = RecordingRuleDetector.Query([Slo("shop")]);

        Assert.Contains("last_over_time(slo:sli_bad_events:increase30d{sloth_id=~\"shop-availability\"}[10m])", query, StringComparison.Ordinal);
        Assert.Contains("last_over_time(slo:sli_total_events:increase30d{sloth_id=~\"shop-availability\"}[10m])", query, StringComparison.Ordinal);
    }

    [Fact]
    public void For_SlothsRulesOnly_WindowCountedFromTheQueriesNeverFromItsAveragedRatio()
    {
        var slo = Slo("legacy");

        var plan = RecordingPlan.For([slo], Windows(slo), End, new Dictionary<SloId, RecordedSlo> { [slo.Id] = new(SlothWindows, false) });

        var (_, raw) = Assert.Single(plan.Raw);
        Assert.Equal([Month], raw);
        Assert.Null(Assert.Single(plan.Recorded).EventWindow);
    }

    [Fact]
    public void For_NoRecordings_EveryWindowAskedIsCountedAsBefore()
    {
        var (a, b) = (Slo("a"), Slo("b"));
        var windows = Windows(a).Append(TimeSpan.FromDays(7)).ToArray();

        var plan = RecordingPlan.For([a, b], windows, End, new Dictionary<SloId, RecordedSlo> { [a.Id] = RecordedSlo.None });

        Assert.Empty(plan.Recorded);
        Assert.All(plan.Raw, r => Assert.Equal(windows, r.Windows));
    }

    [Fact]
    public void Apply_RecordedRatiosAndRates_RatioOverOneUnitEventAndRatesTimesSeconds()
    {
        var (shop, quiet, gone) = (Slo("shop"), Slo("quiet"), Slo("gone"));
        var hour = TimeSpan.FromHours(1);
        var read = new RecordedRead([(shop, [hour], Month, false), (quiet, [hour], null, false), (gone, [hour], Month, false)]);
        var counts = new SliCounts();

        var missing = read.Apply(
        [
            Sample("shop-availability", ("slobot_record", "slo:sli_error:ratio_rate1h")) with { Value = 0.25 },
            Sample("shop-availability", ("slobot_record", "total"), ("slobot_window", "30d")) with { Value = 2 },
            Sample("shop-availability", ("slobot_record", "bad"), ("slobot_window", "30d")) with { Value = 0.5 },
            Sample("quiet-availability", ("slobot_record", "slo:sli_error:ratio_rate1h")) with { Value = double.NaN },
        ], counts);

        Assert.Equal(new EventCounts(0.75, 1), counts.Get(shop.Id, hour));
        Assert.Equal(new EventCounts(1.5 * Month.TotalSeconds, 2 * Month.TotalSeconds), counts.Get(shop.Id, Month));
        Assert.False(counts.Get(quiet.Id, hour).HasEvents); // Sloth's NaN: no traffic
        Assert.Equal([gone.Id], missing.Select(s => s.Id)); // nothing recorded answered: counted from its queries
    }

    [Fact]
    public void Query_IdsWithRegexCharacters_AreLiteralsInAPromQlString()
    {
        var slo = new SloDefinition("a.b", "x+y", 0.99, Month, new SliQuery(SliQueryKind.Counter, null, "sum(e_total)", "sum(t_total)"));

        var query = RecordingRuleDetector.Query([slo]);

        Assert.Contains("sloth_id=~\"a\\\\.b-x\\\\+y\"", query, StringComparison.Ordinal);
        Assert.Contains("[15m] offset 29d23h45m", query, StringComparison.Ordinal);
    }

    private static PromSample Sample(string id, params (string Key, string Value)[] labels)
    {
        var map = labels.ToDictionary(l => l.Key, l => l.Value);
        map["sloth_id"] = id;
        return new PromSample(map, 0);
    }
}
