using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SloBot.Chat.Budgets;
using SloBot.Core.Catalog;
using SloBot.Sli.Embedded;
using Xunit;

namespace SloBot.IntegrationTests.Prometheus;

/// <summary>
/// Time-slice SLOs (issue 11 item 7) on the shared Prometheus: SloBot's subqueries against a direct count of the
/// generator's raw per-minute samples (a minute is good when its good ÷ total reaches the slice target), through
/// <c>/slo budget</c>, and the embedded store on the same events.
/// </summary>
[Collection(PrometheusCollection.Name)]
public sealed class TimeSlicePrometheusTests(PrometheusFixture fixture) : IDisposable
{
    private const double Tolerance = 1e-9;

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("slobot-slices-");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Delete(recursive: true);
    }

    private static string Yaml(string method, string sliceTarget) => $$$$"""
        apiVersion: openslo/v1
        kind: SLO
        metadata: {name: minutes}
        spec:
          service: payment
          budgetingMethod: {{{{method}}}}
          timeWindow: [{duration: 30d, isRolling: true}]
          indicator:
            metadata: {name: payment-minutes}
            spec:
              ratioMetric:
                counter: true
                good: {metricSource: {type: Prometheus, spec: {query: 'sum(http_requests_total{service="payment",code!~"5.."})'}}}
                total: {metricSource: {type: Prometheus, spec: {query: 'sum(http_requests_total{service="payment"})'}}}
          objectives: [{target: 0.99, timeSliceWindow: 1m{{{{sliceTarget}}}}}]
        """;

    [Theory]
    [InlineData("Timeslices", 0.995)]
    [InlineData("RatioTimeslices", null)]
    public async Task Budget_OneMinuteSlices_EqualsADirectCountOfTheRawSamples(string method, double? sliceTarget)
    {
        var catalog = CatalogReader.Read("payment.yaml", Yaml(method, sliceTarget is { } t ? $", timeSliceTarget: {t}" : ""));
        Assert.Empty(catalog.Problems);
        using var chat = new ChatHarness(fixture.Server.Url, catalog, PrometheusFixture.End);

        var reply = await chat.AskAsync("/slo budget payment");

        Assert.Equal(0, reply.ExitCode);
        Assert.Equal(1, chat.Requests);
        var slo = Assert.Single(ChatHarness.Json(reply).GetProperty("slos").EnumerateArray().ToArray());
        Assert.Equal(method, slo.GetProperty("budgetingMethod").GetString());
        Assert.Equal(60, slo.GetProperty("timeSliceSeconds").GetDouble());
        var (good, slices) = DirectCount(TimeSpan.FromDays(30), sliceTarget);
        Assert.Equal(43_200, slices);
        Close(good, slo.GetProperty("goodEvents").GetDouble(), "good slices");
        Close(slices, slo.GetProperty("totalEvents").GetDouble(), "slices with data");
        var remaining = 1 - ((1 - (good / slices)) / 0.01);
        Close(remaining, slo.GetProperty("errorBudget").GetProperty("remaining").GetDouble(), "remaining");
        Close(432, slo.GetProperty("errorBudget").GetProperty("budgetSlices").GetDouble(), "budget in slices: 1 % of 43,200 minutes");
        Close(remaining * 432, slo.GetProperty("errorBudget").GetProperty("remainingSlices").GetDouble(), "remaining slices");
        var (good1h, slices1h) = DirectCount(TimeSpan.FromHours(1), sliceTarget);
        Close((1 - (good1h / slices1h)) / 0.01, slo.GetProperty("burnRates").GetProperty("1h").GetDouble(), "burn rate 1h in slices");
        Assert.Contains($"{Math.Round(remaining * 432):N0} of 432 bad minutes left", reply.PlainText(), StringComparison.Ordinal);
        if (sliceTarget is not null)
            Assert.InRange(slices - good, 100, 200); // the incidents' minutes (90 + 30) and a few noisy ones: a real test of the threshold
    }

    [Fact]
    public async Task Budget_EmbeddedStore_SameSlicesAsPrometheus()
    {
        var catalog = CatalogReader.Read("payment.yaml", Yaml("Timeslices", ", timeSliceTarget: 0.995"));
        var slo = catalog.Services[0].Slos[0];
        using var store = new EmbeddedSliStore(Options.Create(new EmbeddedStoreOptions { ConnectionString = $"Data Source={Path.Combine(_dir.FullName, "e.db")}" }));
        var traffic = fixture.Traffic;
        await store.WriteAsync(
            Enumerable.Range(1, traffic.Points - 1).Select(i =>
            {
                var at = traffic.Start + (traffic.Step * i);
                var (good, total) = traffic.Count("payment", at, traffic.Step);
                return new MinuteCounts(slo.Id, at - traffic.Step, good, total);
            }),
            add: false,
            CancellationToken.None);

        var embedded = Assert.Single(await new BudgetQuery(store, new FakeTimeProvider(PrometheusFixture.End)).EvaluateAsync([slo], CancellationToken.None));
        using var chat = new ChatHarness(fixture.Server.Url, catalog, PrometheusFixture.End);
        var prometheus = Assert.Single(await ((BudgetQuery)chat.Services.GetService(typeof(BudgetQuery))!).EvaluateAsync([slo], CancellationToken.None));

        Assert.Equal(prometheus.Period, embedded.Period);
        Assert.Equal(DirectCount(TimeSpan.FromDays(30), 0.995), (embedded.Period.Good, embedded.Period.Total));
        Assert.Equal(prometheus.BurnRates, embedded.BurnRates);
        var history = await store.SeriesAsync(slo, PrometheusFixture.End.AddDays(-1), PrometheusFixture.End, TimeSpan.FromHours(1), CancellationToken.None);
        Assert.Equal(DirectCount(TimeSpan.FromDays(1), 0.995).Slices, history.Sum(b => b.Counts.Total));
    }

    /// <summary>Good slices and slices with data among the minutes ending in (End − window, End], from the raw counts.</summary>
    private (double Good, double Slices) DirectCount(TimeSpan window, double? sliceTarget)
    {
        double good = 0, slices = 0;
        for (var end = PrometheusFixture.End - window + TimeSpan.FromMinutes(1); end <= PrometheusFixture.End; end += TimeSpan.FromMinutes(1))
        {
            var (g, total) = fixture.Traffic.Count("payment", end, TimeSpan.FromMinutes(1));
            if (total <= 0)
                continue;
            slices++;
            good += sliceTarget is { } target ? (g / total >= target ? 1 : 0) : g / total;
        }

        return (good, slices);
    }

    private static void Close(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= Tolerance * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected:R}, got {actual:R}");
}
