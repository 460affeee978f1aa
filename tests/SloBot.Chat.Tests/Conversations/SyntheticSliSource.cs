using SloBot.Core.Catalog;
using SloBot.Core.Sli;

namespace SloBot.Chat.Tests.Conversations;

/// <summary>
/// Traffic with a known shape: <see cref="RequestsPerSecond"/> all the time, <see cref="BaselineErrorRatio"/> failing,
/// and <see cref="IncidentErrorRatio"/> failing inside [<see cref="IncidentStart"/>, <see cref="IncidentEnd"/>).
/// Counts over any window are the exact integrals, so expected figures can be computed by hand.
/// </summary>
internal sealed class SyntheticSliSource : ISliSource
{
    public double RequestsPerSecond { get; set; } = 10;

    public double BaselineErrorRatio { get; set; } = 0.0001;

    public double IncidentErrorRatio { get; set; } = 0.25;

    public DateTimeOffset IncidentStart { get; set; } = DateTimeOffset.MaxValue;

    public DateTimeOffset IncidentEnd { get; set; } = DateTimeOffset.MaxValue;

    public int Calls { get; private set; }

    public EventCounts Count(DateTimeOffset from, DateTimeOffset to)
    {
        var total = (to - from).TotalSeconds * RequestsPerSecond;
        var overlapStart = from > IncidentStart ? from : IncidentStart;
        var overlapEnd = to < IncidentEnd ? to : IncidentEnd;
        var incidentSeconds = Math.Max(0, (overlapEnd - overlapStart).TotalSeconds);
        var bad = ((total / RequestsPerSecond) - incidentSeconds) * RequestsPerSecond * BaselineErrorRatio
            + (incidentSeconds * RequestsPerSecond * IncidentErrorRatio);
        return new EventCounts(total - bad, total);
    }

    public Task<SliCounts> CountAsync(IReadOnlyList<SloDefinition> slos, IReadOnlyList<TimeSpan> windows, DateTimeOffset end, CancellationToken cancellationToken)
    {
        Calls++;
        var counts = new SliCounts();
        foreach (var slo in slos)
        {
            foreach (var w in windows)
                counts.Set(slo.Id, w, Count(end - w, end));
        }

        return Task.FromResult(counts);
    }

    public Task<IReadOnlyList<EventBucket>> SeriesAsync(SloDefinition slo, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken)
    {
        var buckets = new List<EventBucket>();
        for (var t = start + step; t <= end; t += step)
            buckets.Add(new EventBucket(t, Count(t - step, t)));
        return Task.FromResult<IReadOnlyList<EventBucket>>(buckets);
    }
}
