using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SloBot.IntegrationTests.Prometheus;
using Xunit;

namespace SloBot.IntegrationTests.RecordingRules;

/// <summary>
/// Issue 11, "Recording-rule awareness", on a real Prometheus whose recorded series were backfilled by promtool from the
/// rules themselves: budgets read from recorded series equal the ones counted from the raw counters (<c>twin</c>, the same
/// queries without rules) within the rules' own approximation, say <c>source</c>, and never read Sloth's averaged period ratio.
/// </summary>
[Collection(RecordingRulesCollection.Name)]
public sealed class RecordingRulesPrometheusTests(RecordingRulesFixture fixture)
{
    private static readonly string[] BurnWindows = ["1h", "6h", "1d", "3d"];

    private static async Task<JsonElement> BudgetAsync(ChatHarness chat, string service)
    {
        var reply = await chat.AskAsync($"/slo budget {service}");
        Assert.Equal(0, reply.ExitCode);
        return ChatHarness.Json(reply).GetProperty("slos")[0];
    }

    /// <summary>
    /// The twin's budget from raw counters at the instant of the rules' last evaluation before End (no later than End,
    /// within two 1-minute intervals: promtool offsets a group's evaluations by a hash that includes the rules file's
    /// path, a new temporary directory each run, and its last one was seen 60.65 and 60.8 s before End).
    /// </summary>
    private async Task<JsonElement> RawAtLastEvaluationAsync(string service)
    {
        var seconds = await fixture.Server.QueryValueAsync($"timestamp(slo:sli_error:ratio_rate1h{{sloth_id=\"{service}-requests\"}})", RecordingRulesFixture.End);
        var at = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000));
        Assert.InRange(at, RecordingRulesFixture.End - TimeSpan.FromMinutes(2), RecordingRulesFixture.End);
        using var chat = new ChatHarness(fixture.Server.Url, fixture.Catalog, at);
        return await BudgetAsync(chat, "twin");
    }

    [Fact]
    public async Task Budget_SloBotsRules_ReadsRecordedSeriesAndEqualsRawCounters()
    {
        using var chat = new ChatHarness(fixture.Server.Url, fixture.Catalog, RecordingRulesFixture.End);

        var recorded = await BudgetAsync(chat, "shop");
        var raw = await BudgetAsync(chat, "twin");
        var atLastEvaluation = await RawAtLastEvaluationAsync("shop");

        Assert.Equal("recording rules", recorded.GetProperty("source").GetString());
        Assert.Equal("raw counters", raw.GetProperty("source").GetString());
        foreach (var w in BurnWindows)
        {
            // The rule's approximation: its value of the last evaluation (within a minute of End) is the same PromQL there.
            Assert.Equal(atLastEvaluation.GetProperty("burnRates").GetProperty(w).GetDouble(), recorded.GetProperty("burnRates").GetProperty(w).GetDouble(), 1e-9);
        }

        // The window from its recorded events (mean recorded 5-minute rate × 7 days, at the rules' last evaluation, at most 5
        // minutes before End): within the rates' first and last 5 minutes of 7 days and that shift.
        var total = raw.GetProperty("totalEvents").GetDouble();
        Assert.True(total > 5_000_000, $"{total} events");
        Assert.InRange(recorded.GetProperty("totalEvents").GetDouble(), total * 0.999, total * 1.001);
        Assert.Equal(raw.GetProperty("sli").GetDouble(), recorded.GetProperty("sli").GetDouble(), 5e-5);
        Assert.NotEqual(raw.GetProperty("totalEvents").GetDouble(), recorded.GetProperty("totalEvents").GetDouble()); // really read elsewhere
    }

    [Fact]
    public async Task Budget_WindowEventsRecordedEveryFiveMinutes_WindowIsTheirLastEvaluationOfTheMeanRecordedRate()
    {
        using var chat = new ChatHarness(fixture.Server.Url, fixture.Catalog, RecordingRulesFixture.End);

        var recorded = await BudgetAsync(chat, "shop");

        // The rules' last evaluation of slo:sli_total_events:increase7d, in their five-minute group: the window read ends there
        // (within two of its intervals, as for the one-minute groups above).
        var seconds = await fixture.Server.QueryValueAsync("timestamp(slo:sli_total_events:increase7d{sloth_id=\"shop-requests\"})", RecordingRulesFixture.End);
        var at = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000));
        Assert.InRange(at, RecordingRulesFixture.End - TimeSpan.FromMinutes(10), RecordingRulesFixture.End);
        // What SloBot reads without them (the mean recorded 5-minute rate × the window's seconds), at that instant, exactly.
        var total = await fixture.Server.QueryValueAsync("avg_over_time(slo:sli_total_events:rate5m{sloth_id=\"shop-requests\"}[7d]) * 604800", at);
        var bad = await fixture.Server.QueryValueAsync("avg_over_time(slo:sli_bad_events:rate5m{sloth_id=\"shop-requests\"}[7d]) * 604800", at);
        Assert.Equal("recording rules", recorded.GetProperty("source").GetString());
        Assert.Equal(total, recorded.GetProperty("totalEvents").GetDouble(), total * 1e-9);
        Assert.Equal(total - bad, recorded.GetProperty("goodEvents").GetDouble(), total * 1e-9);
        // Not the mean rate at End: the window really ends at the rules' last evaluation. That shows only when a 5-minute rate
        // was recorded after it (its own one-minute group's offset is random too; the sets of rates averaged are otherwise
        // the same, and so is the mean).
        var after = (long)(RecordingRulesFixture.End - at).TotalMilliseconds - 1;
        var ratesAfter = after <= 0 ? 0 : await fixture.Server.QueryValueAsync($"count_over_time(slo:sli_total_events:rate5m{{sloth_id=\"shop-requests\"}}[{after}ms])", RecordingRulesFixture.End);
        var atEnd = await fixture.Server.QueryValueAsync("avg_over_time(slo:sli_total_events:rate5m{sloth_id=\"shop-requests\"}[7d]) * 604800", RecordingRulesFixture.End);
        if (ratesAfter > 0)
            Assert.NotEqual(atEnd, recorded.GetProperty("totalEvents").GetDouble());
    }

    [Fact]
    public async Task Budget_SlothsRules_BurnRatesFromRecordedRatiosWindowFromRawCountersNeverTheAveragedPeriodRatio()
    {
        using var chat = new ChatHarness(fixture.Server.Url, fixture.Catalog, RecordingRulesFixture.End);

        var sloth = await BudgetAsync(chat, "legacy");
        var raw = await BudgetAsync(chat, "twin");
        var atLastEvaluation = await RawAtLastEvaluationAsync("legacy");

        Assert.Equal("recording rules", sloth.GetProperty("source").GetString());
        foreach (var w in BurnWindows)
            Assert.Equal(atLastEvaluation.GetProperty("burnRates").GetProperty(w).GetDouble(), sloth.GetProperty("burnRates").GetProperty(w).GetDouble(), 1e-9);
        // Sloth's slo:sli_error:ratio_rate7d is recorded as 0.5 here: the window is counted from the raw counters instead.
        Assert.Equal(raw.GetProperty("sli").GetDouble(), sloth.GetProperty("sli").GetDouble());
        Assert.Equal(raw.GetProperty("totalEvents").GetDouble(), sloth.GetProperty("totalEvents").GetDouble());
    }

    [Fact]
    public async Task Budget_AskedTwice_DetectsRecordingsOnceAndThenCostsOneRequest()
    {
        using var chat = new ChatHarness(fixture.Server.Url, fixture.Catalog, RecordingRulesFixture.End);

        await BudgetAsync(chat, "shop");
        var first = chat.Requests;
        await BudgetAsync(chat, "shop");

        Assert.Equal(3, first); // detection, the counts (recorded and raw terms in one query), the hourly history
        Assert.Equal(first + 1, chat.Requests);
    }

    [Fact]
    public async Task Status_EverySlo_SaysItsSourceInOneCountQuery()
    {
        using var chat = new ChatHarness(fixture.Server.Url, fixture.Catalog, RecordingRulesFixture.End);

        var reply = await chat.AskAsync("/slo status");

        Assert.Equal(0, reply.ExitCode);
        var sources = ChatHarness.Json(reply).GetProperty("slos").EnumerateArray()
            .ToDictionary(s => s.GetProperty("service").GetString()!, s => s.GetProperty("source").GetString());
        Assert.Equal("recording rules", sources["shop"]);
        Assert.Equal("recording rules", sources["legacy"]);
        Assert.Equal("raw counters", sources["twin"]);
        // Detection, the counts, and the hourly history: shop's from its hourly recordings, legacy's and twin's from their counters.
        Assert.Equal(4, chat.Requests);
    }

    [Fact]
    public async Task History_SloBotsRecordedBucketEvents_EqualTheRawCountersBucketByBucketInOneSamplePerBucket()
    {
        using var chat = new ChatHarness(fixture.Server.Url, fixture.Catalog, RecordingRulesFixture.End);
        var source = chat.Services.GetRequiredService<SloBot.Core.Sli.ISliSource>();
        var shop = fixture.Catalog.Services.Single(s => s.Name == "shop").Slos[0];
        var twin = fixture.Catalog.Services.Single(s => s.Name == "twin").Slos[0];

        var histories = await source.HistoriesAsync([shop, twin], RecordingRulesFixture.End, CancellationToken.None);

        // One range query each: shop's reads slo:sli_*_events:increase14m (7 days in 720 buckets; detection first), twin's its counters.
        Assert.Equal(3, chat.Requests);
        var recorded = histories[shop.Id];
        var raw = histories[twin.Id];
        Assert.Equal(SloBot.Core.Budgets.BurnDown.TargetPoints, recorded.Count);
        Assert.Equal(raw.Select(b => b.End), recorded.Select(b => b.End));
        Assert.DoesNotContain(recorded, b => b.Missing);
        // Each bucket is the rule's last evaluation at or before the bucket's end: the same PromQL as the raw bucket, at that
        // instant (promtool, like Prometheus, offsets a group's evaluations within the minute by a hash of its name).
        var step = SloBot.Core.Budgets.BudgetHistory.Step(RecordingRulesFixture.Window);
        var seconds = await fixture.Server.QueryValueAsync("timestamp(slo:sli_total_events:increase14m{sloth_id=\"shop-requests\"})", RecordingRulesFixture.End);
        var delta = RecordingRulesFixture.End - DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000));
        Assert.InRange(delta, TimeSpan.Zero, TimeSpan.FromMinutes(2)); // see RawAtLastEvaluationAsync
        for (var k = 0; k < recorded.Count; k += 37)
        {
            var at = recorded[k].End - delta;
            var total = await fixture.Server.QueryValueAsync("sum(rate(http_requests_total{service=\"shop\"}[14m])) * 840", at);
            var good = await fixture.Server.QueryValueAsync("sum(rate(http_requests_total{service=\"shop\",code=\"200\"}[14m])) * 840", at);
            Assert.Equal(total, recorded[k].Counts.Total, total * 1e-9);
            Assert.Equal(good, recorded[k].Counts.Good, total * 1e-9);
        }

        // And the whole history: the same events as the raw buckets, shifted by less than a minute of 7 days.
        Assert.Equal(raw.Sum(b => b.Counts.Total), recorded.Sum(b => b.Counts.Total), raw.Sum(b => b.Counts.Total) * 0.001);
        Assert.Equal(raw.Sum(b => b.Counts.Bad), recorded.Sum(b => b.Counts.Bad), raw.Sum(b => b.Counts.Bad) * 0.01);
        Assert.Equal(TimeSpan.FromMinutes(14), step);
        Assert.Contains(raw, b => b.Counts.Total - b.Counts.Good > 0.01 * b.Counts.Total); // the incidents are in the history
    }
}
