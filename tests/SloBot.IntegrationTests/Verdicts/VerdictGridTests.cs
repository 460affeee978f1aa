using System.Text.Json;
using Microsoft.Extensions.Options;
using SloBot.Chat.Releases;
using SloBot.Core.Catalog;
using SloBot.IntegrationTests.Prometheus;
using SloBot.Sli.Embedded;
using Xunit;

namespace SloBot.IntegrationTests.Verdicts;

/// <summary>
/// Issue 12, "what proves it": one service per state — healthy, burning fast, burning slowly, exhausted exactly,
/// overspent, no data, partly covered — in a real Prometheus (backfilled by promtool) and, as the same per-minute
/// events, in the embedded store. <c>/slo budget</c>, <c>/slo status</c> and <c>/slo release … dry-run</c> must give
/// the verdicts written below by hand on both sources. 1,000 requests a minute, 99.9 % over 30 days: 43,200 bad events
/// of budget.
/// </summary>
[Collection(VerdictGridCollection.Name)]
public sealed class VerdictGridTests(VerdictGridFixture fixture)
{
    /// <param name="Remaining">Share of the budget left, to 1e-9; null for no data.</param>
    /// <param name="Exit">The release's exit code: 0 approve, 3 review, 5 block.</param>
    public sealed record Verdict(string Service, string Status, string Trend, double? Remaining, string Group, string Action, int Exit, bool PageBurnRisk)
    {
        public override string ToString() => Service;
    }

    public static TheoryData<Verdict, bool> Grid()
    {
        var data = new TheoryData<Verdict, bool>();
        foreach (var embedded in new[] { false, true })
        {
            foreach (var v in Verdicts)
                data.Add(v, embedded);
        }

        return data;
    }

    private static readonly Verdict[] Verdicts =
    [
        new("healthy", "healthy", "within budget", 1, "healthy", "approve", 0, false),
        // 2 % errors for the last two hours: 2,400 bad (5.6 % of the budget), 20× over 1 h: the page rule fires.
        new("fast", "healthy", "burning fast", 1 - (2400 / 43200.0), "atRisk", "approve", 0, true),
        // 0.02 % for 27 days, then 0.15 % for 3 days: 33 % used, 1.5× over 1 d and 3 d.
        new("slow", "healthy", "burning", 0.67, "atRisk", "approve", 0, false),
        new("exact", "exhausted", "burning", 0, "exhausted", "block", 5, false),
        new("over", "exhausted", "burning", -1, "exhausted", "block", 5, false),
        new("nodata", "nodata", "no data", null, "noData", "review", 3, false),
        // Appeared 3 days ago, no errors: healthy over the part with data, 10 % of the window covered.
        new("partial", "healthy", "within budget", 1, "healthy", "approve", 0, false),
    ];

    [Theory]
    [MemberData(nameof(Grid))]
    public async Task BudgetStatusAndRelease_SayTheVerdictWrittenByHand(Verdict expected, bool embedded)
    {
        using var chat = await fixture.ChatAsync(embedded);

        var budget = ChatHarness.Json(await chat.AskAsync($"/slo budget {expected.Service}")).GetProperty("slos")[0];
        Assert.Equal((expected.Status, expected.Trend), (budget.GetProperty("status").GetString(), budget.GetProperty("trend").GetString()));
        if (expected.Remaining is { } remaining)
            Assert.Equal(remaining, budget.GetProperty("errorBudget").GetProperty("remaining").GetDouble(), 9);
        else
            Assert.Equal(JsonValueKind.Null, budget.GetProperty("errorBudget").ValueKind);

        var status = ChatHarness.Json(await chat.AskAsync("/slo status")).GetProperty("services").EnumerateArray()
            .Single(s => s.GetProperty("service").GetString() == expected.Service);
        Assert.Equal(expected.Group, status.GetProperty("group").GetString());

        var release = await chat.AskAsync($"/slo release {expected.Service} v1 lines=80 coverage=95 dry-run");
        var decision = ChatHarness.Json(release);
        Assert.Equal((expected.Action, expected.Exit), (decision.GetProperty("action").GetString(), release.ExitCode));
        Assert.Equal(expected.PageBurnRisk, release.PlainText().Contains("page-level burn", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SlowBurn_ProjectsExhaustionAboutFifteenAndAHalfDaysOut(bool embedded)
    {
        using var chat = await fixture.ChatAsync(embedded);

        var budget = ChatHarness.Json(await chat.AskAsync("/slo budget slow")).GetProperty("slos")[0];

        // 67 % left; each day 1.5× comes in and 0.2× of the 27 quiet days leaves: 0.67 ÷ (1.3 ÷ 30) = 15.46 days.
        var projected = budget.GetProperty("projectedExhaustion").GetDateTimeOffset();
        Assert.InRange(projected, VerdictGridFixture.End.AddDays(15), VerdictGridFixture.End.AddDays(16));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Partial_ReportsTheShareOfTheWindowWithData(bool embedded)
    {
        using var chat = await fixture.ChatAsync(embedded);

        var budget = ChatHarness.Json(await chat.AskAsync("/slo budget partial")).GetProperty("slos")[0];

        Assert.InRange(budget.GetProperty("coverage").GetDouble(), 0.099, 0.102); // 72 of 720 hours, ± the hour it started in
        Assert.Equal(3 * 24 * 60 * 1000.0, budget.GetProperty("totalEvents").GetDouble());
    }

    [Fact]
    public async Task InfiniteTotal_IsASourceFailureNamingTheSloAndTheValue()
    {
        using var chat = await fixture.ChatAsync(embedded: false);

        var reply = await chat.AskAsync("/slo budget infinite");

        Assert.Equal(1, reply.ExitCode);
        Assert.Contains("infinite/availability", reply.PlainText(), StringComparison.Ordinal);
        Assert.Contains("Inf", reply.PlainText(), StringComparison.OrdinalIgnoreCase);
        var release = await chat.AskAsync("/slo release infinite v1 lines=80 coverage=95 dry-run");
        Assert.Equal(1, release.ExitCode);
    }
}

/// <summary>The grid's events in a real Prometheus and in an embedded store, ending on a whole minute.</summary>
public sealed class VerdictGridFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset End = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("slobot-verdicts-");

    public SyntheticTraffic Traffic { get; } = new SyntheticTraffic(End, TimeSpan.FromDays(32), TimeSpan.FromMinutes(1))
        .AddSteadyService("healthy", 1000, 0m)
        .AddSteadyService("fast", 1000, 0m, (TimeSpan.FromHours(2), TimeSpan.FromHours(2), 0.02m))
        .AddSteadyService("slow", 1000, 0.0002m, (TimeSpan.FromDays(3), TimeSpan.FromDays(3), 0.0015m))
        .AddSteadyService("exact", 1000, 0.001m)
        .AddSteadyService("over", 1000, 0.002m)
        .AddNewService("partial", 1000, TimeSpan.FromDays(3));

    public ISloCatalog Catalog { get; } = new InMemorySloCatalog(
    [
        .. new[] { "healthy", "fast", "slow", "exact", "over", "partial" }.Select(s => new ServiceDefinition(s, [Availability(s, "http_requests_total")])),
        new ServiceDefinition("nodata", [Availability("nodata", "http_request_total")]), // a typo: the metric does not exist
        new ServiceDefinition("infinite", [new SloDefinition("infinite", "availability", 0.999, TimeSpan.FromDays(30),
            new SliQuery(SliQueryKind.WindowTemplate, null, "sum(increase(http_requests_total{service=\"healthy\",code=\"500\"}[{{.window}}]))",
                "sum(increase(http_requests_total{service=\"healthy\"}[{{.window}}])) / 0"))]),
    ]);

    public PrometheusServer Server { get; private set; } = null!;

    private EmbeddedSliStore _store = null!;

    /// <summary>A chat layer at <see cref="End"/> on Prometheus or on the embedded store.</summary>
    public Task<ChatHarness> ChatAsync(bool embedded) =>
        Task.FromResult(embedded ? new ChatHarness(_store, Catalog, End) : new ChatHarness(Server.Url, Catalog, End));

    public async Task InitializeAsync()
    {
        Server = await PrometheusServer.StartAsync(Traffic.WriteOpenMetrics);
        _store = new EmbeddedSliStore(Options.Create(new EmbeddedStoreOptions { ConnectionString = $"Data Source={Path.Combine(_dir.FullName, "events.db")}" }));
        foreach (var service in Traffic.Services)
            await _store.WriteAsync(Minutes(new SloId(service, "availability")), add: false, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        _store?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Delete(recursive: true);
        if (Server is not null)
            await Server.DisposeAsync();
    }

    private static SloDefinition Availability(string service, string metric) => new(
        service,
        "availability",
        0.999,
        TimeSpan.FromDays(30),
        new SliQuery(SliQueryKind.Counter, $"sum({metric}{{service=\"{service}\",code!~\"5..\"}})", null, $"sum({metric}{{service=\"{service}\"}})"));

    /// <summary>Each minute's increase, filed under the minute that ends at the later sample; nothing before a service's first sample.</summary>
    private IEnumerable<MinuteCounts> Minutes(SloId slo)
    {
        for (var at = Traffic.FirstSample(slo.Service) + Traffic.Step; at <= Traffic.End; at += Traffic.Step)
        {
            var (good, total) = Traffic.Count(slo.Service, at, Traffic.Step);
            yield return new MinuteCounts(slo, at - Traffic.Step, good, total);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class VerdictGridCollection : ICollectionFixture<VerdictGridFixture>
{
    public const string Name = "Verdict grid";
}
