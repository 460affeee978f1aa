using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using SloBot.Chat.Budgets;
using SloBot.Core.Catalog;
using SloBot.Sli.Embedded;

namespace SloBot.Benchmarks;

/// <summary>The embedded store's 30-day budget of one SLO (all five windows), on 31 days of per-minute data.</summary>
[MemoryDiagnoser]
public class EmbeddedBudgetBenchmark
{
    private static readonly SloDefinition Slo = new("payment", "availability", 0.999, TimeSpan.FromDays(30), SliQuery.EmbeddedOnly);
    private readonly DateTimeOffset _now = new(2026, 11, 23, 12, 34, 56, TimeSpan.Zero);
    private DirectoryInfo _dir = null!;
    private EmbeddedSliStore _store = null!;
    private BudgetQuery _query = null!;

    [GlobalSetup]
    public void Setup()
    {
        _dir = Directory.CreateTempSubdirectory("slobot-bench-");
        _store = new EmbeddedSliStore(Options.Create(new EmbeddedStoreOptions { ConnectionString = $"Data Source={Path.Combine(_dir.FullName, "b.db")}" }));
        var random = new Random(1);
        var start = _now - TimeSpan.FromDays(31);
        var minutes = Enumerable.Range(0, 31 * 24 * 60).Select(i =>
        {
            var total = random.Next(400, 800);
            return new MinuteCounts(Slo.Id, start + TimeSpan.FromMinutes(i), total - random.Next(0, 2), total);
        });
        _store.WriteAsync(minutes, add: false, CancellationToken.None).GetAwaiter().GetResult();
        _query = new BudgetQuery(_store, new FixedTime(_now));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Delete(recursive: true);
    }

    [Benchmark]
    public Task BudgetOfOneSlo30Days() => _query.EvaluateAsync([Slo], CancellationToken.None);

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
