using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SloBot.Chat.Budgets;
using SloBot.Core.Catalog;
using SloBot.Sli.Embedded;
using Xunit;

namespace SloBot.IntegrationTests.Prometheus;

/// <summary>
/// A real Prometheus backfilled with steady per-minute traffic from 28 January to 1 April 2026 (a 28-day February, and
/// the Paris spring DST change on 29 March), for calendar-month SLOs in Europe/Paris.
/// </summary>
public sealed class CalendarPrometheusFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset End = new(2026, 4, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// "ledger": 1,000 requests a minute at 0.05 % errors, with two six-hour incidents at 0.3 % ending
    /// 20 March 12:00 and 29 March 12:00 UTC.
    /// </summary>
    public SyntheticTraffic Traffic { get; } = new SyntheticTraffic(End, End - new DateTimeOffset(2026, 1, 28, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(1))
        .AddSteadyService("ledger", 1000, 0.0005m,
            (End - new DateTimeOffset(2026, 3, 20, 6, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(6), 0.003m),
            (End - new DateTimeOffset(2026, 3, 29, 6, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(6), 0.003m));

    public PrometheusServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await PrometheusServer.StartAsync(Traffic.WriteOpenMetrics);

    public async Task DisposeAsync()
    {
        if (Server is not null)
            await Server.DisposeAsync();
    }
}

/// <summary>
/// Calendar windows (issue 11 item 6) end to end: <c>/slo budget --json</c> through the chat layer on a real Prometheus
/// at a fake "now", against the generator's exact counts and PromQL sent straight to Prometheus, and the embedded store
/// on the same events. Period starts sit on samples, so increase() is the exact count (relative 1e-9).
/// </summary>
public sealed class CalendarPrometheusTests(CalendarPrometheusFixture fixture) : IClassFixture<CalendarPrometheusFixture>, IDisposable
{
    internal const string MonthlyLedger = """
        apiVersion: openslo/v1
        kind: SLO
        metadata: {name: monthly}
        spec:
          service: ledger
          budgetingMethod: Occurrences
          timeWindow: [{duration: 1M, isRolling: false, calendar: {startTime: "2024-01-01 00:00:00", timeZone: Europe/Paris}}]
          indicator:
            metadata: {name: ledger-availability}
            spec:
              ratioMetric:
                counter: true
                good: {metricSource: {type: Prometheus, spec: {query: 'sum(http_requests_total{service="ledger",code!~"5.."})'}}}
                total: {metricSource: {type: Prometheus, spec: {query: 'sum(http_requests_total{service="ledger"})'}}}
          objectives: [{target: 0.999}]
        """;

    private const double Tolerance = 1e-9;
    private const double Budget = 0.001;

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("slobot-calendar-");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Delete(recursive: true);
    }

    public static TheoryData<string, string, string, double> Periods => new()
    {
        // now (UTC), period start and reset (UTC: midnight in Paris), whole period in days
        { "2026-02-20T12:00:00Z", "2026-01-31T23:00:00Z", "2026-02-28T23:00:00Z", 28 },
        { "2026-03-31T12:00:00Z", "2026-02-28T23:00:00Z", "2026-03-31T22:00:00Z", 31 - (1 / 24.0) }, // spring DST: an hour short
        { "2026-03-20T12:00:00Z", "2026-02-28T23:00:00Z", "2026-03-31T22:00:00Z", 31 - (1 / 24.0) },
        { "2026-03-29T12:00:00Z", "2026-02-28T23:00:00Z", "2026-03-31T22:00:00Z", 31 - (1 / 24.0) },
    };

    [Theory]
    [MemberData(nameof(Periods))]
    public async Task Budget_CalendarMonthInParis_CountsThePeriodSoFarExactly(string nowText, string startText, string resetText, double days)
    {
        var (now, start, reset) = (Instant(nowText), Instant(startText), Instant(resetText));
        using var chat = new ChatHarness(fixture.Server.Url, CatalogReader.Read("ledger.yaml", MonthlyLedger), now);

        var reply = await chat.AskAsync("/slo budget ledger");

        Assert.Equal(0, reply.ExitCode);
        Assert.Equal(2, chat.Requests); // recording rules looked for (once an hour), the counts
        var slo = Assert.Single(ChatHarness.Json(reply).GetProperty("slos").EnumerateArray().ToArray());
        Assert.Equal("calendar", slo.GetProperty("windowKind").GetString());
        Assert.Equal("1M", slo.GetProperty("window").GetString());
        Assert.Equal(start, slo.GetProperty("periodStart").GetDateTimeOffset());
        Assert.Equal(reset, slo.GetProperty("resetsAt").GetDateTimeOffset());
        Close(days * 86400, slo.GetProperty("windowSeconds").GetDouble(), "windowSeconds");

        // The period so far, exactly, and as Prometheus counts it when asked directly.
        var (good, total) = fixture.Traffic.Count("ledger", now, now - start);
        var elapsed = Core.Budgets.SloWindow.Format(now - start);
        Close(total, await fixture.Server.QueryValueAsync($"sum(increase(http_requests_total{{service=\"ledger\"}}[{elapsed}]))", now), "PromQL total");
        Close(total, slo.GetProperty("totalEvents").GetDouble(), "totalEvents");
        Close(good, slo.GetProperty("goodEvents").GetDouble(), "goodEvents");
        var remaining = 1 - ((1 - (good / total)) / Budget);
        Close(remaining, slo.GetProperty("errorBudget").GetProperty("remaining").GetDouble(), "remaining");
        Close(remaining * Budget * days * 86400, slo.GetProperty("errorBudget").GetProperty("remainingSeconds").GetDouble(), "remainingSeconds (of the whole month's budget)");

        // Burn rates keep their meaning: error ratio over the window ÷ (1 − target).
        var burn = new Dictionary<string, double>();
        foreach (var (name, window) in new[] { ("1h", TimeSpan.FromHours(1)), ("6h", TimeSpan.FromHours(6)), ("1d", TimeSpan.FromDays(1)) })
        {
            var (g, t) = fixture.Traffic.Count("ledger", now, window);
            burn[name] = (1 - (g / t)) / Budget;
            Close(burn[name], slo.GetProperty("burnRates").GetProperty(name).GetDouble(), $"burn rate {name}");
        }

        // Exhaustion: steady traffic reaches a period error ratio of 1 − target after R × elapsed ÷ (BR − 1), given only before the reset.
        var current = Math.Min(burn["1h"], burn["6h"]);
        DateTimeOffset? expected = null;
        if (current > 1 && remaining > 0)
        {
            var at = now.AddSeconds(remaining * (now - start).TotalSeconds / (current - 1));
            expected = at < reset ? new DateTimeOffset(at.Year, at.Month, at.Day, at.Hour, 0, 0, TimeSpan.Zero) : null;
        }

        var projected = slo.GetProperty("projectedExhaustion");
        Assert.Equal(expected, projected.ValueKind == JsonValueKind.Null ? null : projected.GetDateTimeOffset());
        var text = reply.PlainText();
        Assert.Contains("the calendar month since", text, StringComparison.Ordinal);
        Assert.Contains("(Europe/Paris)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Budget_IncidentTowardsTheMonthsEnd_ProjectsNothingPastTheReset()
    {
        // Both incident instants burn at 3× now; on 20 March the budget runs out before the reset, on 29 March only after it.
        var early = await BudgetAsync(Instant("2026-03-20T12:00:00Z"));
        var late = await BudgetAsync(Instant("2026-03-29T12:00:00Z"));

        Assert.True(early.GetProperty("burnRates").GetProperty("6h").GetDouble() > 2.9);
        Assert.True(late.GetProperty("burnRates").GetProperty("6h").GetDouble() > 2.9);
        Assert.Equal(JsonValueKind.String, early.GetProperty("projectedExhaustion").ValueKind);
        Assert.Equal(JsonValueKind.Null, late.GetProperty("projectedExhaustion").ValueKind);
        Assert.True(late.GetProperty("errorBudget").GetProperty("remaining").GetDouble() > 0);
    }

    [Theory]
    [MemberData(nameof(Periods))]
    public async Task Budget_EmbeddedStore_SameEventsSameCalendarBudget(string nowText, string startText, string resetText, double days)
    {
        var (now, start) = (Instant(nowText), Instant(startText));
        var catalog = CatalogReader.Read("ledger.yaml", MonthlyLedger);
        var slo = catalog.Services[0].Slos[0];
        using var store = new EmbeddedSliStore(Options.Create(new EmbeddedStoreOptions { ConnectionString = $"Data Source={Path.Combine(_dir.FullName, "e.db")}" }));
        await store.WriteAsync(Minutes(slo.Id), add: false, CancellationToken.None);

        var embedded = Assert.Single(await new BudgetQuery(store, new FakeTimeProvider(now)).EvaluateAsync([slo], CancellationToken.None));
        var prometheus = await BudgetAsync(now);

        var (good, total) = fixture.Traffic.Count("ledger", now, now - start);
        Assert.Equal(total, embedded.Period.Total);
        Assert.Equal(good, embedded.Period.Good);
        Assert.Equal(Instant(resetText), embedded.Span.ResetsAt);
        Assert.Equal(TimeSpan.FromDays(days) * Budget, embedded.BudgetTime);
        Close(prometheus.GetProperty("errorBudget").GetProperty("remaining").GetDouble(), embedded.Remaining!.Value, "remaining, embedded vs Prometheus");
        Assert.Equal(prometheus.GetProperty("status").GetString(), embedded.Status.ToString().ToLowerInvariant());
        var projected = prometheus.GetProperty("projectedExhaustion");
        Assert.Equal(projected.ValueKind == JsonValueKind.Null ? null : projected.GetDateTimeOffset(), embedded.ProjectedExhaustion);
    }

    private async Task<JsonElement> BudgetAsync(DateTimeOffset now)
    {
        using var chat = new ChatHarness(fixture.Server.Url, CatalogReader.Read("ledger.yaml", MonthlyLedger), now);
        var reply = await chat.AskAsync("/slo budget ledger");
        Assert.Equal(0, reply.ExitCode);
        return Assert.Single(ChatHarness.Json(reply).GetProperty("slos").EnumerateArray().ToArray());
    }

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

    private static DateTimeOffset Instant(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);

    private static void Close(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= Tolerance * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected:R}, got {actual:R}");
}
