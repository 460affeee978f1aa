using SloBot.Core.Catalog;

namespace SloBot.Core.Sli;

/// <summary>Where SLI event counts come from: Prometheus or the embedded store.</summary>
public interface ISliSource
{
    /// <summary>
    /// Counts good and total events for every SLO over every window, each window ending at <paramref name="end"/>.
    /// Implementations batch: the cost does not grow with the number of SLOs in round trips.
    /// </summary>
    Task<SliCounts> CountAsync(IReadOnlyList<SloDefinition> slos, IReadOnlyList<TimeSpan> windows, DateTimeOffset end, CancellationToken cancellationToken);

    /// <summary>
    /// The counts budgets and burn-rate alerts read: like <see cref="CountAsync"/>, but a source may answer a burn-rate
    /// window (any window but the SLO's count window) from a recorded error ratio r, given as r over one unit event
    /// (good = 1 − r, total = 1), and the count window from recorded event rates; it says which in
    /// <see cref="SliCounts.SourceOf"/>. Never for callers that show a short window's events (retrospectives).
    /// </summary>
    Task<SliCounts> CountForBudgetsAsync(IReadOnlyList<SloDefinition> slos, IReadOnlyList<TimeSpan> windows, DateTimeOffset end, CancellationToken cancellationToken) =>
        CountAsync(slos, windows, end, cancellationToken);

    /// <summary>
    /// Event counts for one SLO in consecutive buckets of <paramref name="step"/> ending at
    /// <see cref="HistoryGrid.BucketEnds"/>(<paramref name="start"/>, <paramref name="end"/>, <paramref name="step"/>): one bucket
    /// for every end, <see cref="EventBucket.Missing"/> where the source has no samples in it.
    /// </summary>
    Task<IReadOnlyList<EventBucket>> SeriesAsync(SloDefinition slo, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken);

    /// <summary>
    /// The history every budget reads (coverage, hour-by-hour projection): for each SLO its window ending at
    /// <paramref name="end"/> in buckets of <see cref="Budgets.BudgetHistory.Step"/>, as <see cref="SeriesAsync"/> gives them.
    /// Sources that can batch (Prometheus) answer all SLOs in a constant number of requests; the default asks per SLO.
    /// </summary>
    async Task<IReadOnlyDictionary<SloId, IReadOnlyList<EventBucket>>> HistoriesAsync(IReadOnlyList<SloDefinition> slos, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var result = new Dictionary<SloId, IReadOnlyList<EventBucket>>();
        foreach (var slo in slos)
            result[slo.Id] = await SeriesAsync(slo, end - slo.Window, end, Budgets.BudgetHistory.Step(slo.Window), cancellationToken).ConfigureAwait(false);
        return result;
    }
}

/// <summary>
/// Counts of one bucket that ends at <see cref="End"/> and spans the step before it. <see cref="Missing"/>: the source
/// had no samples there, so its counts are unknown (not zero events).
/// </summary>
public readonly record struct EventBucket(DateTimeOffset End, EventCounts Counts, bool Missing = false)
{
    /// <summary>A bucket the source has no data for.</summary>
    public static EventBucket NoData(DateTimeOffset end) => new(end, EventCounts.None, Missing: true);
}

/// <summary>The answer of <see cref="ISliSource.CountAsync"/>.</summary>
public sealed class SliCounts
{
    private readonly Dictionary<(SloId, TimeSpan), EventCounts> _counts = [];
    private readonly Dictionary<SloId, string> _failures = [];
    private readonly Dictionary<SloId, string> _sources = [];

    public void Set(SloId slo, TimeSpan window, EventCounts counts) => _counts[(slo, window)] = counts;

    /// <summary>The counts for an SLO and window; none (zero events) when the source had no data.</summary>
    public EventCounts Get(SloId slo, TimeSpan window) => _counts.GetValueOrDefault((slo, window));

    public int Count => _counts.Count;

    /// <summary>Records where <paramref name="slo"/>'s figures were read (<see cref="SliReadSource"/>).</summary>
    public void SetSource(SloId slo, string source) => _sources[slo] = source;

    /// <summary>Where the source read <paramref name="slo"/>'s figures (<see cref="SliReadSource"/>), or null when it does not say (the embedded store).</summary>
    public string? SourceOf(SloId slo) => _sources.GetValueOrDefault(slo);

    /// <summary>
    /// Records that the source could not count <paramref name="slo"/> (its query was refused, its latency threshold is
    /// not a bucket boundary…): the other SLOs are still answered, this one is reported with <paramref name="message"/>.
    /// </summary>
    public void Fail(SloId slo, string message) => _failures[slo] = message;

    /// <summary>The SLOs the source could not count, with why (service, SLO and catalog file are in the message).</summary>
    public IReadOnlyDictionary<SloId, string> Failures => _failures;

    /// <summary>Why the source could not count <paramref name="slo"/>, or null when it could.</summary>
    public string? FailureOf(SloId slo) => _failures.GetValueOrDefault(slo);

    /// <summary>Takes in the counts, failures and sources of <paramref name="part"/> (a part of a batch counted apart).</summary>
    public void Add(SliCounts part)
    {
        foreach (var (key, counts) in part._counts)
            _counts[key] = counts;
        foreach (var (slo, message) in part._failures)
            _failures[slo] = message;
        foreach (var (slo, source) in part._sources)
            _sources[slo] = source;
    }
}

/// <summary>The SLI source could not answer (unreachable, timed out, bad query). Becomes exit code 1.</summary>
public sealed class SliSourceException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>
    /// True when the source refused the query itself (Prometheus HTTP 400 bad_data or 422 execution error): asking again
    /// with the same text fails again, but a batch may succeed without the SLO whose query is at fault.
    /// </summary>
    public bool QueryRejected { get; init; }
}
