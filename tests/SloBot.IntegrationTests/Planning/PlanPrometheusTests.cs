using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SloBot.Chat.Conversations;
using SloBot.Chat.Planning;
using SloBot.Core.Catalog;
using SloBot.IntegrationTests.Prometheus;
using SloBot.Sli.Embedded;
using Xunit;

namespace SloBot.IntegrationTests.Planning;

/// <summary>
/// <c>/slo plan</c> end to end on a real Prometheus holding two quarters of known traffic (and on the embedded store
/// with the same events): the achieved SLI over each calendar quarter in Europe/Paris against the generator's exact
/// counts, the proposals, the budget in minutes, the trend, the incident found as an episode, the gap on the roadmap.
/// </summary>
public sealed class PlanPrometheusTests(PlanningFixture fixture) : IClassFixture<PlanningFixture>, IDisposable
{
    private const double Tolerance = 1e-9;
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("slobot-plan-");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Delete(recursive: true);
    }

    [Fact]
    public async Task Plan_NextQuarterOnPrometheus_ReviewsTheRunningQuarterAgainstTheOneBefore()
    {
        using var chat = Harness(fixture.Server.Url, null);

        var reply = await chat.AskAsync("/slo plan");

        Assert.Equal(0, reply.ExitCode);
        Assert.Equal(2 + 3, chat.Requests); // one batched count per quarter, then one hourly history per SLO with data (its episodes)
        AssertNextQuarterPlan(ChatHarness.Json(reply));
        var text = reply.PlainText();
        Assert.Contains("Q1 2027", text, StringComparison.Ordinal);
        Assert.Contains("search availability: relax to 99.8 % — Struggling to meet current SLO", text, StringComparison.Ordinal);
        Assert.Contains("budget 43 minutes 12 seconds → 1 hour 26 minutes per 30 days (+43 minutes 12 seconds)", text, StringComparison.Ordinal);
        Assert.Contains("ledger availability: tighten to 99.1 % — Exceeding current SLO consistently", text, StringComparison.Ordinal);
        Assert.Contains("cart availability: keep 99.5 % — Current SLO appropriate", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_NextQuarterOnTheEmbeddedStore_GivesTheSameReview()
    {
        using var store = await EmbeddedAsync();
        using var chat = Harness(null, store);

        var reply = await chat.AskAsync("/slo plan 2027-Q1");

        Assert.Equal(0, reply.ExitCode);
        AssertNextQuarterPlan(ChatHarness.Json(reply));
    }

    [Fact]
    public async Task Plan_TheRunningQuarter_ReviewsACompleteQuarterWithNothingBeforeIt()
    {
        using var chat = Harness(fixture.Server.Url, null);

        var json = ChatHarness.Json(await chat.AskAsync("/slo plan Q4"));

        Assert.Equal("2026-Q4", json.GetProperty("quarter").GetString());
        Assert.True(json.GetProperty("reviewed").GetProperty("complete").GetBoolean());
        Assert.Equal(PlanningFixture.Q4Start, json.GetProperty("reviewed").GetProperty("countedUntil").GetDateTimeOffset());
        foreach (var slo in json.GetProperty("slos").EnumerateArray())
        {
            var service = slo.GetProperty("service").GetString()!;
            Close(Percent(service, PlanningFixture.Q4Start, PlanningFixture.Q4Start - PlanningFixture.Q3Start), slo.GetProperty("achievedPercent").GetDouble(), $"{service} Q3");
            Assert.Equal("no earlier data", slo.GetProperty("trend").GetString());
            Assert.Empty(slo.GetProperty("episodes").EnumerateArray());
        }
    }

    [Theory]
    [InlineData("/slo plan 2027-Q7", "'2027-Q7' is not a quarter: write it like `2027-Q1`")]
    [InlineData("/slo plan 2027-Q2", "2027-Q2 cannot be planned yet: the quarter it reviews, 2027-Q1, has not started. Plan 2027-Q1")]
    public async Task Plan_BadQuarter_SaysWhatToWrite(string command, string expected)
    {
        using var chat = Harness(fixture.Server.Url, null);

        var reply = await chat.AskAsync(command);

        Assert.Equal(2, reply.ExitCode);
        Assert.Contains(expected, reply.PlainText(), StringComparison.Ordinal);
    }

    private void AssertNextQuarterPlan(JsonElement json)
    {
        Assert.Equal("2027-Q1", json.GetProperty("quarter").GetString());
        Assert.Equal(new DateTimeOffset(2026, 12, 31, 23, 0, 0, TimeSpan.Zero), json.GetProperty("quarterStart").GetDateTimeOffset());
        Assert.Equal("Europe/Paris", json.GetProperty("timeZone").GetString());
        var reviewed = json.GetProperty("reviewed");
        Assert.Equal("2026-Q4", reviewed.GetProperty("quarter").GetString());
        Assert.False(reviewed.GetProperty("complete").GetBoolean());
        Assert.Equal(PlanningFixture.Now, reviewed.GetProperty("countedUntil").GetDateTimeOffset());
        Assert.Equal("2026-Q3", json.GetProperty("before").GetProperty("quarter").GetString());

        var slos = json.GetProperty("slos").EnumerateArray().ToDictionary(s => s.GetProperty("service").GetString()!);
        var q4 = PlanningFixture.Now - PlanningFixture.Q4Start;
        var q3 = PlanningFixture.Q4Start - PlanningFixture.Q3Start;
        foreach (var (service, slo) in slos)
        {
            Close(Percent(service, PlanningFixture.Now, q4), slo.GetProperty("achievedPercent").GetDouble(), $"{service} achieved in Q4");
            Close(Percent(service, PlanningFixture.Q4Start, q3), slo.GetProperty("beforeAchievedPercent").GetDouble(), $"{service} achieved in Q3");
            var (good, total) = fixture.Traffic.Count(service, PlanningFixture.Now, q4);
            Close((total - good) / ((1 - (slo.GetProperty("targetPercent").GetDouble() / 100)) * total), slo.GetProperty("budgetConsumed").GetDouble(), $"{service} budget");
        }

        Rule(slos["ledger"], "tighten", 99.1, "declining");
        Rule(slos["search"], "relax", 99.8, "declining");
        Rule(slos["cart"], "keep", 99.5, "steady");
        var minutes = slos["search"].GetProperty("proposal").GetProperty("budgetMinutes");
        Close(43.2, minutes.GetProperty("current").GetDouble(), "current budget minutes", 1e-6);
        Close(86.4, minutes.GetProperty("proposed").GetDouble(), "proposed budget minutes", 1e-6);
        Close(43.2, minutes.GetProperty("change").GetDouble(), "change in minutes", 1e-6);

        // The incident is the ledger's one episode: six hours above the page burn rate, a share of the quarter's budget.
        var episode = Assert.Single(slos["ledger"].GetProperty("episodes").EnumerateArray().ToArray());
        Assert.Equal(PlanningFixture.IncidentStart, episode.GetProperty("start").GetDateTimeOffset());
        Assert.Equal(PlanningFixture.IncidentStart.AddHours(6), episode.GetProperty("end").GetDateTimeOffset());
        var (g6, t6) = fixture.Traffic.Count("ledger", PlanningFixture.IncidentStart.AddHours(6), TimeSpan.FromHours(6));
        var (_, tq) = fixture.Traffic.Count("ledger", PlanningFixture.Now, q4);
        Close(t6 - g6, episode.GetProperty("badEvents").GetDouble(), "episode bad events");
        Close((t6 - g6) / (0.01 * tq), episode.GetProperty("budgetConsumed").GetDouble(), "episode budget");
        Assert.Empty(slos["search"].GetProperty("episodes").EnumerateArray());

        // Only search's proposal is above what it achieved: the roadmap's one item, its impact the gap, its effort to be asked.
        var roadmap = json.GetProperty("roadmap");
        Assert.Empty(roadmap.GetProperty("initiatives").EnumerateArray());
        var gap = Assert.Single(roadmap.GetProperty("unrated").EnumerateArray().ToArray());
        Assert.Equal("gap:search/availability", gap.GetProperty("key").GetString());
        Close(99.8 - slos["search"].GetProperty("achievedPercent").GetDouble(), gap.GetProperty("impactPoints").GetDouble(), "gap", 1e-9);
        Assert.Equal(JsonValueKind.Null, gap.GetProperty("effortWeeks").ValueKind);
    }

    private static void Rule(JsonElement slo, string rule, double proposed, string trend)
    {
        var p = slo.GetProperty("proposal");
        Assert.Equal(rule, p.GetProperty("rule").GetString());
        Assert.Equal(proposed, p.GetProperty("proposedPercent").GetDouble());
        Assert.Equal(trend, slo.GetProperty("trend").GetString());
    }

    private double Percent(string service, DateTimeOffset end, TimeSpan window)
    {
        var (good, total) = fixture.Traffic.Count(service, end, window);
        return good / total * 100;
    }

    private ChatHarness Harness(Uri? prometheus, EmbeddedSliStore? store)
    {
        var catalog = CatalogReader.Read("catalog.yaml", PlanningFixture.Catalog);
        Assert.Empty(catalog.Problems);
        void Configure(IServiceCollection services)
        {
            var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["SloBot:Conversations:TimeZone"] = "Europe/Paris" }).Build();
            services.AddSloBotConversations(config);
            services.AddPlanning();
        }

        return prometheus is not null
            ? new ChatHarness(prometheus, catalog, PlanningFixture.Now, Configure)
            : new ChatHarness(store!, catalog, PlanningFixture.Now, Configure);
    }

    private async Task<EmbeddedSliStore> EmbeddedAsync()
    {
        var store = new EmbeddedSliStore(Options.Create(new EmbeddedStoreOptions { ConnectionString = $"Data Source={Path.Combine(_dir.FullName, "e.db")}" }));
        var traffic = fixture.Traffic;
        foreach (var service in traffic.Services)
        {
            var id = new SloId(service, "availability");
            var minutes = new List<MinuteCounts>();
            for (var at = traffic.Start + traffic.Step; at <= traffic.End; at += traffic.Step)
            {
                var (good, total) = traffic.Count(service, at, traffic.Step);
                minutes.Add(new MinuteCounts(id, at - traffic.Step, good, total));
            }

            await store.WriteAsync(minutes, add: false, CancellationToken.None);
        }

        return store;
    }

    private static void Close(double expected, double actual, string what, double tolerance = Tolerance) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected:R}, got {actual:R}");
}
