using SloBot.Core.Catalog;
using SloBot.Core.Sli;

namespace SloBot.Testing;

/// <summary>
/// The one fake SLI source of the tests (linked into each test project that needs one). Counts come from
/// <see cref="Traffic"/>: the events in (from, to] for an SLO, so a window's counts and a history's buckets are the
/// same sums, like a real source; without traffic there are no events and no history at all (an empty series: a source that cannot tell). On top: fixed counts for one SLO and window (<see cref="With"/>), no data before
/// <see cref="Since"/>, a thrown <see cref="Failure"/>, a per-SLO <see cref="Refusal"/> (a query the source refused),
/// and <see cref="Hold"/>, which keeps every call waiting (cancellably) until it completes.
/// </summary>
internal sealed class TestSliSource(Func<SloId, DateTimeOffset, DateTimeOffset, EventCounts>? traffic = null) : ISliSource
{
    private readonly Lock _sync = new();
    private readonly Dictionary<(SloId, TimeSpan), EventCounts> _fixed = [];
    private int _calls;
    private int _seriesCalls;

    public Func<SloId, DateTimeOffset, DateTimeOffset, EventCounts>? Traffic { get; set; } = traffic;

    /// <summary>The first data: nothing is counted at or before it, and history buckets ending there are missing.</summary>
    public DateTimeOffset? Since { get; set; }

    /// <summary>Thrown by every count and series call.</summary>
    public Exception? Failure { get; set; }

    /// <summary>Thrown by series calls only (counts still answer).</summary>
    public Exception? SeriesFailure { get; set; }

    /// <summary>When set, counts answer every SLO as refused with this message, as Prometheus refusing its query.</summary>
    public string? Refusal { get; set; }

    /// <summary>When set, every call waits for it (or for its cancellation) before answering.</summary>
    public TaskCompletionSource? Hold { get; set; }

    /// <summary>Completed by the first call that arrives.</summary>
    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Calls => _calls;

    public int SeriesCalls => _seriesCalls;

    /// <summary>Every series asked for, in order.</summary>
    public List<(DateTimeOffset Start, DateTimeOffset End, TimeSpan Step)> SeriesRequests { get; } = [];

    /// <summary><paramref name="perHour"/> events an hour, <paramref name="badRatio"/> of them bad, at an even pace.</summary>
    public static TestSliSource Steady(double perHour, double badRatio) => new((_, from, to) =>
    {
        var total = perHour * (to - from).TotalHours;
        return new EventCounts(total * (1 - badRatio), total);
    });

    /// <summary>Fixed counts for one SLO and window, whatever <see cref="Traffic"/> says.</summary>
    public TestSliSource With(SloId slo, TimeSpan window, double good, double total)
    {
        _fixed[(slo, window)] = new EventCounts(good, total);
        return this;
    }

    public async Task<SliCounts> CountAsync(IReadOnlyList<SloDefinition> slos, IReadOnlyList<TimeSpan> windows, DateTimeOffset end, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        await EnterAsync(cancellationToken);
        var counts = new SliCounts();
        foreach (var slo in slos)
        {
            if (Refusal is not null)
            {
                counts.Fail(slo.Id, Refusal);
                continue;
            }

            foreach (var w in windows)
                counts.Set(slo.Id, w, _fixed.TryGetValue((slo.Id, w), out var c) ? c : Count(slo.Id, end - w, end));
        }

        return counts;
    }

    public async Task<IReadOnlyList<EventBucket>> SeriesAsync(SloDefinition slo, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _seriesCalls);
        lock (_sync)
            SeriesRequests.Add((start, end, step));
        await EnterAsync(cancellationToken);
        if (SeriesFailure is not null)
            throw SeriesFailure;
        if (Traffic is null)
            return [];
        return HistoryGrid.BucketEnds(start, end, step)
            .Select(e => e <= Since ? EventBucket.NoData(e) : new EventBucket(e, Count(slo.Id, e - step, e)))
            .ToArray();
    }

    /// <summary>The events in (from, to] as <see cref="Traffic"/> and <see cref="Since"/> give them.</summary>
    public EventCounts Count(SloId slo, DateTimeOffset from, DateTimeOffset to)
    {
        if (Since is { } since && from < since)
            from = since;
        return Traffic is null || to <= from ? EventCounts.None : Traffic(slo, from, to);
    }

    private async Task EnterAsync(CancellationToken cancellationToken)
    {
        Entered.TrySetResult();
        if (Hold is { } hold)
            await hold.Task.WaitAsync(cancellationToken);
        if (Failure is not null)
            throw Failure;
    }
}

/// <summary>
/// Traffic in whole hours: <see cref="TotalPerHour"/> events an hour, <see cref="Bad"/> of them bad (by the hour's end);
/// a window counts the hours that end inside it.
/// </summary>
internal sealed class HourlyTraffic
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    public double TotalPerHour { get; set; } = 1000;

    public Func<SloId, DateTimeOffset, double> Bad { get; set; } = (_, _) => 0;

    public EventCounts Count(SloId slo, DateTimeOffset from, DateTimeOffset to)
    {
        var total = EventCounts.None;
        for (var e = new DateTimeOffset(from.Ticks - (from.Ticks % Hour.Ticks), TimeSpan.Zero) + Hour; e <= to; e += Hour)
            total += new EventCounts(TotalPerHour - Bad(slo, e), TotalPerHour);
        return total;
    }
}

/// <summary>
/// Traffic with a known shape: <see cref="RequestsPerSecond"/> all the time, <see cref="BaselineErrorRatio"/> failing,
/// and <see cref="IncidentErrorRatio"/> failing inside [<see cref="IncidentStart"/>, <see cref="IncidentEnd"/>).
/// Counts over any window are the exact integrals, so expected figures can be computed by hand.
/// </summary>
internal sealed class SyntheticTraffic
{
    public double RequestsPerSecond { get; set; } = 10;

    public double BaselineErrorRatio { get; set; } = 0.0001;

    public double IncidentErrorRatio { get; set; } = 0.25;

    public DateTimeOffset IncidentStart { get; set; } = DateTimeOffset.MaxValue;

    public DateTimeOffset IncidentEnd { get; set; } = DateTimeOffset.MaxValue;

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

    /// <summary>A source over this traffic (the same for every SLO).</summary>
    public TestSliSource Source() => new((_, from, to) => Count(from, to));
}
