using Microsoft.Extensions.Options;
using SloBot.Chat.Budgets;
using SloBot.Core.Catalog;
using SloBot.Sli.Embedded;
using Xunit;

namespace SloBot.IntegrationTests.Prometheus;

/// <summary>
/// The same events in both sources give the same budget: the fixture's per-minute counters go into a real Prometheus
/// (by the fixture) and, as per-minute deltas, into the embedded store; every window's counts and ratios must agree.
/// </summary>
[Collection(PrometheusCollection.Name)]
public sealed class EmbeddedAgreesWithPrometheusTests(PrometheusFixture fixture) : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("slobot-agree-");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Delete(recursive: true);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(37)] // an instant mid-minute, 37 s past
    public async Task Budget_SameEvents_SameNumbersToTheLastDigit(int secondsPastTheMinute)
    {
        var now = PrometheusFixture.End - TimeSpan.FromHours(3) + TimeSpan.FromSeconds(secondsPastTheMinute);
        var catalog = new CatalogReader()
            .Add("payment.yaml", PrometheusBudgetTests.OpenSloPayment)
            .Add("checkout.yaml", PrometheusBudgetTests.SlothCheckout)
            .Build();
        var slos = catalog.Services.SelectMany(s => s.Slos).ToArray();

        using var store = new EmbeddedSliStore(Options.Create(new EmbeddedStoreOptions { ConnectionString = $"Data Source={Path.Combine(_dir.FullName, "e.db")}" }));
        foreach (var slo in slos)
            await store.WriteAsync(Minutes(slo.Id), add: false, CancellationToken.None);
        var embedded = await new BudgetQuery(store, new FixedTime(now)).EvaluateAsync(slos, CancellationToken.None);

        using var chat = new ChatHarness(fixture.Server.Url, catalog, now);
        var prometheus = await ((BudgetQuery)chat.Services.GetService(typeof(BudgetQuery))!).EvaluateAsync(slos, CancellationToken.None);

        Assert.Equal(slos.Length, embedded.Count);
        for (var i = 0; i < slos.Length; i++)
        {
            var (e, p) = (embedded[i], prometheus[i]);
            Assert.True(e.Period.Total > 1_000_000, "a month of traffic");
            // On the minute, Prometheus reads samples on both edges: no extrapolation, the exact count. Mid-minute it
            // extrapolates the whole minutes it saw to the window: × window ÷ (window − 1 minute), for good and total alike.
            var window = e.Slo.Window.TotalSeconds;
            var scale = secondsPastTheMinute == 0 ? 1 : window / (window - 60);
            Assert.Equal(p.Period.Total, e.Period.Total * scale, p.Period.Total * 1e-9);
            Assert.Equal(p.Period.Good, e.Period.Good * scale, p.Period.Good * 1e-9);
            Assert.Equal(p.Sli!.Value, e.Sli!.Value, 12);
            Assert.Equal(p.Remaining!.Value, e.Remaining!.Value, 9);
            Assert.Equal(p.Status, e.Status);
            foreach (var rate in p.BurnRates)
                Assert.Equal(rate.Rate, e.BurnRateOver(rate.Window), 9);
        }
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

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
