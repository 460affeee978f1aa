using SloBot.Core.Catalog;
using SloBot.Sli.Prometheus;
using Xunit;

namespace SloBot.Sli.Tests.Prometheus;

public class CountBatchCacheTests
{
    private static readonly TimeSpan[] Windows = [TimeSpan.FromDays(30), TimeSpan.FromHours(1)];

    private static SloDefinition Counter(string service) =>
        new(service, "availability", 0.999, TimeSpan.FromDays(30), new SliQuery(SliQueryKind.Counter, $"sum(ok_total{{service=\"{service}\"}})", null, $"sum(all_total{{service=\"{service}\"}})"));

    private static (SloDefinition, IReadOnlyList<TimeSpan>)[] Wanted(params SloDefinition[] slos) => [.. slos.Select(s => (s, (IReadOnlyList<TimeSpan>)Windows))];

    [Fact]
    public void SameSlosWindowsAndTerms_ReuseTheBatchAndItsQueryTexts()
    {
        var cache = new CountBatchCache();
        var slos = Enumerable.Range(0, 20).Select(i => Counter($"s{i}")).ToArray();

        var first = cache.Get(Wanted(slos), ["extra"]);
        var again = cache.Get(Wanted(slos), ["extra"]);

        Assert.Same(first, again);
        Assert.Same(first.Queries(1_000_000), again.Queries(1_000_000));
        Assert.Equal(new CountBatch(Wanted(slos), ["extra"]).Queries(1_000_000), first.Queries(1_000_000));
    }

    [Fact]
    public void ChangedDefinitionWindowsOrTerms_BuildANewBatch()
    {
        var cache = new CountBatchCache();
        var a = Counter("a");
        var first = cache.Get(Wanted(a), []);

        var reloaded = a with { Indicator = a.Indicator with { Total = "sum(every_total{service=\"a\"})" } }; // a catalog reload: a new definition
        Assert.NotSame(first, cache.Get(Wanted(reloaded), []));
        Assert.Contains("every_total", cache.Get(Wanted(reloaded), []).Queries(1_000_000)[0], StringComparison.Ordinal);
        Assert.NotSame(first, cache.Get([(a, [TimeSpan.FromHours(6)])], []));
        Assert.NotSame(first, cache.Get(Wanted(a), ["recorded term"]));
        Assert.Same(first, cache.Get(Wanted(a), []));
    }

    [Fact]
    public void BeyondItsCapacity_TheLeastRecentlyUsedIsBuiltAgain()
    {
        var cache = new CountBatchCache(capacity: 2);
        var (a, b, c) = (Counter("a"), Counter("b"), Counter("c"));
        var batchA = cache.Get(Wanted(a), []);
        cache.Get(Wanted(b), []);
        Assert.Same(batchA, cache.Get(Wanted(a), [])); // a is now the most recent
        cache.Get(Wanted(c), []); // evicts b

        Assert.Same(batchA, cache.Get(Wanted(a), []));
        var batchB = cache.Get(Wanted(b), []);
        Assert.Same(batchB, cache.Get(Wanted(b), []));
    }
}
