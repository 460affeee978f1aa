using SloBot.Core.Catalog;
using SloBot.Core.Sli;

namespace SloBot.Chat.Tests.Releases;

/// <summary>
/// An SLI source over hourly buckets defined for all time: <see cref="TotalPerHour"/> events an hour, the bad ones
/// from <see cref="Bad"/> (by bucket end). Counts and series are sums of the same buckets, like the embedded store.
/// </summary>
internal sealed class HourlySliSource : ISliSource
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    public double TotalPerHour { get; set; } = 1000;

    public Func<SloId, DateTimeOffset, double> Bad { get; set; } = (_, _) => 0;

    public Exception? Failure { get; set; }

    /// <summary>The first data: buckets ending at or before it have no samples (missing in series, nothing in counts).</summary>
    public DateTimeOffset? Since { get; set; }

    public int SeriesCalls { get; private set; }

    public Task<SliCounts> CountAsync(IReadOnlyList<SloDefinition> slos, IReadOnlyList<TimeSpan> windows, DateTimeOffset end, CancellationToken cancellationToken)
    {
        if (Failure is not null)
            throw Failure;
        var counts = new SliCounts();
        foreach (var slo in slos)
        {
            foreach (var w in windows)
                counts.Set(slo.Id, w, Sum(slo.Id, end - w, end));
        }

        return Task.FromResult(counts);
    }

    public Task<IReadOnlyList<EventBucket>> SeriesAsync(SloDefinition slo, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken)
    {
        if (Failure is not null)
            throw Failure;
        SeriesCalls++;
        var list = new List<EventBucket>();
        for (var e = start + step; e <= end; e += step)
            list.Add(e <= Since ? EventBucket.NoData(e) : new EventBucket(e, Sum(slo.Id, e - step, e)));
        return Task.FromResult<IReadOnlyList<EventBucket>>(list);
    }

    /// <summary>Buckets whose end lies in (from, to].</summary>
    private EventCounts Sum(SloId slo, DateTimeOffset from, DateTimeOffset to)
    {
        var total = EventCounts.None;
        var first = new DateTimeOffset(from.Ticks - (from.Ticks % Hour.Ticks), TimeSpan.Zero) + Hour;
        for (var e = first; e <= to; e += Hour)
        {
            if (e <= Since)
                continue;
            var bad = Bad(slo, e);
            total += new EventCounts(TotalPerHour - bad, TotalPerHour);
        }

        return total;
    }
}
