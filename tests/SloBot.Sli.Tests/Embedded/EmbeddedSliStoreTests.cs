using SloBot.Core.Catalog;
using SloBot.Core.Sli;
using SloBot.Sli.Embedded;
using Xunit;

namespace SloBot.Sli.Tests.Embedded;

public sealed class EmbeddedSliStoreTests : IDisposable
{
    private static readonly SloId Payment = new("payment", "availability");
    private static readonly SloDefinition Slo = new("payment", "availability", 0.999, TimeSpan.FromDays(30), SliQuery.EmbeddedOnly);
    private static readonly DateTimeOffset Start = new(2026, 10, 20, 7, 13, 0, TimeSpan.Zero);
    private readonly TempDatabase _db = new();

    [Fact]
    public async Task CountAsync_AnyWindow_EqualsTheSumOfItsWholeMinutes()
    {
        var minutes = Minutes(Start, count: 40 * 24 * 60, seed: 7).ToArray();
        await _db.Store.WriteAsync(minutes, add: false, CancellationToken.None);
        var random = new Random(11);
        for (var i = 0; i < 60; i++)
        {
            // Ends anywhere (mid-minute too), windows from a few minutes to 30 days.
            var end = Start + TimeSpan.FromSeconds(random.NextInt64(86400, 40L * 86400));
            var window = TimeSpan.FromSeconds(random.NextInt64(120, 30L * 86400));
            var counts = await _db.Store.CountAsync([Slo], [window], end, CancellationToken.None);
            var expected = Naive(minutes, end - window, end);
            Assert.Equal(expected.Total, counts.Get(Payment, window).Total);
            Assert.Equal(expected.Good, counts.Get(Payment, window).Good);
        }
    }

    [Fact]
    public async Task WriteAsync_ReplaceTwice_IsIdempotent_AddAccumulates()
    {
        var minutes = Minutes(Start, count: 180, seed: 3).ToArray();
        await _db.Store.WriteAsync(minutes, add: false, CancellationToken.None);
        await _db.Store.WriteAsync(minutes, add: false, CancellationToken.None);
        var end = Start + TimeSpan.FromHours(3);
        var once = (await _db.Store.CountAsync([Slo], [TimeSpan.FromHours(3)], end, CancellationToken.None)).Get(Payment, TimeSpan.FromHours(3));
        Assert.Equal(minutes.Sum(m => m.Total), once.Total);

        await _db.Store.WriteAsync(minutes, add: true, CancellationToken.None);
        var twice = (await _db.Store.CountAsync([Slo], [TimeSpan.FromHours(3)], end, CancellationToken.None)).Get(Payment, TimeSpan.FromHours(3));
        Assert.Equal(2 * once.Total, twice.Total);
        Assert.Equal(2 * once.Good, twice.Good);
    }

    [Fact]
    public async Task SeriesAsync_BucketsAddUpToTheWholeRange()
    {
        var minutes = Minutes(Start, count: 3 * 24 * 60, seed: 5).ToArray();
        await _db.Store.WriteAsync(minutes, add: false, CancellationToken.None);
        var from = Start + TimeSpan.FromMinutes(47);
        var series = await _db.Store.SeriesAsync(Slo, from, from + TimeSpan.FromDays(2), TimeSpan.FromHours(1), CancellationToken.None);
        Assert.Equal(48, series.Count);
        Assert.Equal(from + TimeSpan.FromHours(1), series[0].End);
        var whole = Naive(minutes, from, from + TimeSpan.FromDays(2));
        Assert.Equal(whole.Total, series.Sum(b => b.Counts.Total));
        Assert.Equal(whole.Good, series.Sum(b => b.Counts.Good));
    }

    [Theory]
    [InlineData(0, 3600)] // aligned hourly buckets
    [InlineData(37, 3600)] // mid-minute edges: minutes straddling a bucket edge belong to neither, as in CountAsync
    [InlineData(1234, 420)] // 7-minute buckets
    [InlineData(17, 90)] // buckets shorter than two minutes
    public async Task SeriesAsync_ManyBuckets_EqualsOneCountPerBucket(int offsetSeconds, int stepSeconds)
    {
        var minutes = Minutes(Start, count: 2 * 24 * 60, seed: 9).ToArray();
        await _db.Store.WriteAsync(minutes, add: false, CancellationToken.None);
        var from = Start + TimeSpan.FromHours(2) + TimeSpan.FromSeconds(offsetSeconds);
        var step = TimeSpan.FromSeconds(stepSeconds);
        var series = await _db.Store.SeriesAsync(Slo, from, from + (step * 100), step, CancellationToken.None);
        Assert.Equal(100, series.Count);
        foreach (var bucket in series)
            Assert.Equal(Naive(minutes, bucket.End - step, bucket.End), bucket.Counts);
    }

    [Fact]
    public async Task CountAsync_UnknownSlo_NoEvents()
    {
        var counts = await _db.Store.CountAsync([Slo with { Name = "latency" }], [TimeSpan.FromDays(30)], Start, CancellationToken.None);
        Assert.Equal(EventCounts.None, counts.Get(new SloId("payment", "latency"), TimeSpan.FromDays(30)));
    }

    private static EventCounts Naive(IEnumerable<MinuteCounts> minutes, DateTimeOffset from, DateTimeOffset to)
    {
        var first = (from.ToUnixTimeSeconds() + 59) / 60 * 60;
        var last = to.ToUnixTimeSeconds() / 60 * 60;
        var inRange = minutes.Where(m => m.Minute.ToUnixTimeSeconds() >= first && m.Minute.ToUnixTimeSeconds() < last).ToArray();
        return new EventCounts(inRange.Sum(m => m.Good), inRange.Sum(m => m.Total));
    }

    private static IEnumerable<MinuteCounts> Minutes(DateTimeOffset start, int count, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var total = random.Next(0, 500);
            var bad = random.Next(0, Math.Max(1, total / 50));
            yield return new MinuteCounts(Payment, start + TimeSpan.FromMinutes(i), total - Math.Min(bad, total), total);
        }
    }

    public void Dispose() => _db.Dispose();
}
