using Microsoft.Extensions.Options;
using SloBot.Chat.Budgets;
using SloBot.Core.Budgets;
using SloBot.Core.Catalog;
using SloBot.Core.Sli;
using SloBot.Sli.Embedded;
using Xunit;

namespace SloBot.IntegrationTests.Prometheus;

/// <summary>
/// The burn-down chart's history from a real Prometheus (range queries) ends where the live budget is, and follows the
/// same curve as the embedded store's history of the same events.
/// </summary>
[Collection(PrometheusCollection.Name)]
public sealed class BurnDownPrometheusTests(PrometheusFixture fixture) : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("slobot-burndown-");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Delete(recursive: true);
    }

    [Fact]
    public async Task History_EndsAtTheLiveBudget_AndMatchesTheEmbeddedStore()
    {
        var now = PrometheusFixture.End - TimeSpan.FromHours(3);
        var catalog = new CatalogReader().Add("payment.yaml", PrometheusBudgetTests.OpenSloPayment).Build();
        var slo = catalog.Services.Single().Slos.First();
        using var chat = new ChatHarness(fixture.Server.Url, catalog, now);
        var prometheus = (ISliSource)chat.Services.GetService(typeof(ISliSource))!;
        var live = (await ((BudgetQuery)chat.Services.GetService(typeof(BudgetQuery))!).EvaluateAsync([slo], CancellationToken.None)).Single();

        var step = BurnDown.Step(slo.Window);
        var fromPrometheus = BurnDown.Compute(slo, await prometheus.SeriesAsync(slo, now - slo.Window, now, step, CancellationToken.None), now)!;

        using var store = new EmbeddedSliStore(Options.Create(new EmbeddedStoreOptions { ConnectionString = $"Data Source={Path.Combine(_dir.FullName, "e.db")}" }));
        await store.WriteAsync(Minutes(slo.Id), add: false, CancellationToken.None);
        var fromEmbedded = BurnDown.Compute(slo, await store.SeriesAsync(slo, now - slo.Window, now, step, CancellationToken.None), now)!;

        Assert.Equal(slo.Window / step + 1, fromPrometheus.Points.Count);
        Assert.Equal(live.Remaining!.Value, fromPrometheus.Points[^1].Remaining, 9);
        Assert.True(fromPrometheus.Points.Min(p => p.Remaining) < 0.95, "the fixture's incidents spend budget inside the window");
        Assert.Equal(fromEmbedded.Points.Select(p => p.At), fromPrometheus.Points.Select(p => p.At));
        for (var i = 0; i < fromPrometheus.Points.Count; i++)
            Assert.Equal(fromEmbedded.Points[i].Remaining, fromPrometheus.Points[i].Remaining, 9);
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
}
