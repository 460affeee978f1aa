using System.Text.Json;
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

    /// <summary>The twin's budget from raw counters at the instant of the rules' last evaluation before End (no later than End, within a minute).</summary>
    private async Task<JsonElement> RawAtLastEvaluationAsync(string service)
    {
        var seconds = await fixture.Server.QueryValueAsync($"timestamp(slo:sli_error:ratio_rate1h{{sloth_id=\"{service}-requests\"}})", RecordingRulesFixture.End);
        var at = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000));
        Assert.InRange(at, RecordingRulesFixture.End - TimeSpan.FromMinutes(1), RecordingRulesFixture.End);
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

        // The window from the recorded 5-minute event rates: mean rate × 7 days, within the rates' first and last 5 minutes of 7 days.
        var total = raw.GetProperty("totalEvents").GetDouble();
        Assert.True(total > 5_000_000, $"{total} events");
        Assert.InRange(recorded.GetProperty("totalEvents").GetDouble(), total * 0.999, total * 1.001);
        Assert.Equal(raw.GetProperty("sli").GetDouble(), recorded.GetProperty("sli").GetDouble(), 5e-5);
        Assert.NotEqual(raw.GetProperty("totalEvents").GetDouble(), recorded.GetProperty("totalEvents").GetDouble()); // really read elsewhere
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
        Assert.Equal(3, chat.Requests);
    }
}
