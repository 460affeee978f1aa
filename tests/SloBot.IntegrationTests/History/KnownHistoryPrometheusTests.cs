using System.Text.Json;
using Microsoft.Extensions.Options;
using SloBot.Chat.Releases;
using SloBot.Core.Catalog;
using SloBot.Core.Sli;
using SloBot.IntegrationTests.Prometheus;
using SloBot.Sli.Embedded;
using Xunit;

namespace SloBot.IntegrationTests.History;

/// <summary>
/// Issue 17: the hourly history read from a real Prometheus at an unaligned "now" is the embedded store's for the
/// same events, and the release's "wait until" dates follow from it to the hour (not "an hour from now").
/// </summary>
[Collection(KnownHistoryCollection.Name)]
public sealed class KnownHistoryPrometheusTests(KnownHistoryFixture fixture) : IDisposable
{
    /// <summary>31 January 21:18:42.8765433 UTC: mid-minute, below the millisecond.</summary>
    private static readonly DateTimeOffset Now = KnownHistoryFixture.End - new TimeSpan(0, 2, 41, 17) - TimeSpan.FromTicks(1_234_567);

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("slobot-known-");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Delete(recursive: true);
    }

    public static TheoryData<long> Offsets => new()
    {
        0, // on the minute
        TimeSpan.FromSeconds(37).Ticks + 1, // 37 s and 100 ns past
        4, // 400 ns past: below Prometheus's millisecond
        TimeSpan.FromMinutes(59).Ticks + 5_999_999, // 59:00.5999999
    };

    [Theory]
    [MemberData(nameof(Offsets))]
    public async Task Series_UnalignedNow_HourlyHistoryEqualsTheEmbeddedStores(long ticksPastTheHour)
    {
        var now = KnownHistoryFixture.End - TimeSpan.FromHours(5) + TimeSpan.FromTicks(ticksPastTheHour);
        using var store = new EmbeddedSliStore(Options.Create(new EmbeddedStoreOptions { ConnectionString = $"Data Source={Path.Combine(_dir.FullName, "e.db")}" }));
        using var chat = new ChatHarness(fixture.Server.Url, new InMemorySloCatalog([]), now);
        var prometheus = (ISliSource)chat.Services.GetService(typeof(ISliSource))!;

        foreach (var slo in new[] { KnownHistoryFixture.Billing, KnownHistoryFixture.Orders })
        {
            await store.WriteAsync(Minutes(slo.Id), add: false, CancellationToken.None);
            var fromPrometheus = await prometheus.SeriesAsync(slo, now - slo.Window, now, TimeSpan.FromHours(1), CancellationToken.None);
            var fromStore = await store.SeriesAsync(slo, now - slo.Window, now, TimeSpan.FromHours(1), CancellationToken.None);

            Assert.Equal(720, fromPrometheus.Count);
            Assert.All(fromPrometheus, b => Assert.False(b.Missing, $"{slo.Id} bucket ending {b.End:O} missing"));
            Assert.Equal(fromStore, fromPrometheus);
            Assert.Equal(HistoryGrid.FloorToMinute(now), fromPrometheus[^1].End);
            Assert.Equal(60_000, fromPrometheus[^1].Counts.Total);
        }
    }

    [Fact]
    public async Task Release_SteadyBurn_WaitDatesFollowTheHistoryToTheHour()
    {
        using var chat = new ChatHarness(fixture.Server.Url, new InMemorySloCatalog([new ServiceDefinition("billing", [KnownHistoryFixture.Billing])]), Now);

        var reply = await chat.AskAsync("/slo release billing v9 lines=900 db-migration");

        var json = ChatHarness.Json(reply);
        Assert.Equal(("block", "critical"), (json.GetProperty("action").GetString(), json.GetProperty("budgetStatus").GetString()));
        var waits = Waits(json);
        // 57 bad events an hour leave; the window holds 41,040 of the 43,200 allowed. Bucket k (ending on the 18th minute
        // of an hour, as now is 21:18:42) leaves at ⌊now⌋ + k hours: warning once 38 have left, healthy once 342 have.
        var minute = HistoryGrid.FloorToMinute(Now);
        Assert.Equal(2, waits.Length);
        Assert.Equal((minute + TimeSpan.FromHours(38), "warning", "defer"), Wait(waits[0]));
        Assert.Equal((minute + TimeSpan.FromHours(342), "healthy", "approve"), Wait(waits[1]));
        // At the current burn (0.95×) as many bad events arrive as leave: it never recovers while burning (issue 12, item 5).
        var back = json.GetProperty("budgetBackAt");
        Assert.Equal(JsonValueKind.Null, back.GetProperty("atCurrentBurn").ValueKind);
        Assert.Equal(minute + TimeSpan.FromHours(38), back.GetProperty("ifNoNewErrors").GetDateTimeOffset());
        Assert.StartsWith("Not while burning at 0.95×: the burn has to stop first.", waits[0].GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Budget_SteadyBurnBelowOne_NeverExhaustsAndBurnsWithinBudget()
    {
        using var chat = new ChatHarness(fixture.Server.Url, new InMemorySloCatalog([new ServiceDefinition("billing", [KnownHistoryFixture.Billing])]), Now);

        var slo = ChatHarness.Json(await chat.AskAsync("/slo budget billing")).GetProperty("slos")[0];

        Assert.Equal(("critical", "within budget"), (slo.GetProperty("status").GetString(), slo.GetProperty("trend").GetString()));
        Assert.Equal(0.05, slo.GetProperty("errorBudget").GetProperty("remaining").GetDouble(), 4);
        Assert.Equal(JsonValueKind.Null, slo.GetProperty("projectedExhaustion").ValueKind); // 0.95× never exhausts a rolling window
    }

    [Fact]
    public async Task NoData_MetricThatDoesNotExist_NoDataEverywhereAndReleaseReview()
    {
        var typo = KnownHistoryFixture.Availability("billing") with
        {
            Name = "latency",
            Indicator = new SliQuery(SliQueryKind.Counter, "sum(http_request_total{service=\"billing\",code!~\"5..\"})", null, "sum(http_request_total{service=\"billing\"})"),
        };
        var catalog = new InMemorySloCatalog([new ServiceDefinition("billing", [typo]), new ServiceDefinition("orders", [KnownHistoryFixture.Orders])]);
        using var chat = new ChatHarness(fixture.Server.Url, catalog, Now);

        var budget = ChatHarness.Json(await chat.AskAsync("/slo budget billing")).GetProperty("slos")[0];
        Assert.Equal(("nodata", "no data"), (budget.GetProperty("status").GetString(), budget.GetProperty("trend").GetString()));
        foreach (var field in new[] { "sli", "errorBudget", "burnRates", "projectedExhaustion" })
            Assert.Equal(JsonValueKind.Null, budget.GetProperty(field).ValueKind);

        var status = ChatHarness.Json(await chat.AskAsync("/slo status")).GetProperty("services").EnumerateArray().ToArray();
        Assert.Equal(["atRisk", "noData"], status.Select(s => s.GetProperty("group").GetString()!).ToArray()); // orders is warning: at risk first

        var release = await chat.AskAsync("/slo release billing v1 lines=500 critical-path");
        Assert.Equal(ReleaseExitCodes.Review, release.ExitCode);
        var json = ChatHarness.Json(release);
        Assert.Equal(("review", "nodata"), (json.GetProperty("action").GetString(), json.GetProperty("budgetStatus").GetString()));
        Assert.Contains(json.GetProperty("riskFactors").EnumerateArray(), f => f.GetProperty("text").GetString() == "no SLI data for latency over 30d");
    }

    [Fact]
    public async Task Release_IncidentLeavingTheWindow_WaitsUntilThatDayAndHour()
    {
        using var chat = new ChatHarness(fixture.Server.Url, new InMemorySloCatalog([new ServiceDefinition("orders", [KnownHistoryFixture.Orders])]), Now);

        var reply = await chat.AskAsync("/slo release orders v2 lines=900 db-migration");

        var json = ChatHarness.Json(reply);
        Assert.Equal(("defer", "warning"), (json.GetProperty("action").GetString(), json.GetProperty("budgetStatus").GetString()));
        var wait = Assert.Single(Waits(json));
        // The outage (12 January 10:00–10:30) leaves with the bucket ending 10:18, thirty days later: healthy at once.
        Assert.Equal((new DateTimeOffset(2026, 2, 11, 10, 18, 0, TimeSpan.Zero), "healthy", "approve"), Wait(wait));
        Assert.Contains("12 January incident", wait.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Release_HistoryMissingFromPrometheus_SaysItCannotDateIt()
    {
        // A catalog SLO with data for its budget but none for the history query: the series selector matches nothing.
        var slo = KnownHistoryFixture.Billing;
        using var chat = new ChatHarness(fixture.Server.Url, new InMemorySloCatalog([new ServiceDefinition("billing", [slo])]), Now);
        var source = (ISliSource)chat.Services.GetService(typeof(ISliSource))!;
        var missing = await source.SeriesAsync(KnownHistoryFixture.Availability("nosuch") with { Service = "billing" }, Now - slo.Window, Now, TimeSpan.FromHours(1), CancellationToken.None);

        Assert.Equal(720, missing.Count);
        Assert.All(missing, b => Assert.True(b.Missing));
        var budget = (await ((SloBot.Chat.Budgets.BudgetQuery)chat.Services.GetService(typeof(SloBot.Chat.Budgets.BudgetQuery))!).EvaluateAsync([slo], CancellationToken.None))[0];
        Assert.NotNull(SloBot.Core.Releases.BudgetRecoveryProjection.CannotTell(missing, TimeSpan.FromHours(1), slo.Window, Now, budget.Period));
    }

    private static JsonElement[] Waits(JsonElement json) =>
        json.GetProperty("alternatives").EnumerateArray().Where(a => a.GetProperty("kind").GetString() == "wait").ToArray();

    private static (DateTimeOffset At, string? Status, string? Action) Wait(JsonElement wait) =>
        (wait.GetProperty("at").GetDateTimeOffset(), wait.GetProperty("status").GetString(), wait.GetProperty("action").GetString());

    /// <summary>The counter's increase between consecutive samples, filed under the minute that ends at the later sample.</summary>
    private IEnumerable<MinuteCounts> Minutes(SloId slo)
    {
        var traffic = fixture.Traffic;
        for (var at = traffic.Start + traffic.Step; at <= traffic.End; at += traffic.Step)
        {
            var (good, total) = traffic.Count(slo.Service, at, traffic.Step);
            yield return new MinuteCounts(slo, at - traffic.Step, good, total);
        }
    }
}
