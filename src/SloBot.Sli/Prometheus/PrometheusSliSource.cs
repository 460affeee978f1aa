using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SloBot.Core.Budgets;
using SloBot.Core.Catalog;
using SloBot.Core.Sli;
using SloBot.Sli.Prometheus.PromQl;
using SloBot.Sli.Prometheus.Recorded;

namespace SloBot.Sli.Prometheus;

/// <summary>
/// SLI counts from Prometheus's HTTP API. <see cref="CountAsync"/> costs one <c>/api/v1/query</c> for up to 199 SLOs and
/// any number of windows, up to <see cref="PrometheusOptions.ParallelQueries"/> sent at once for more (and more when the
/// PromQL text exceeds <see cref="PrometheusOptions.MaxQueryLength"/>);
/// <see cref="SeriesAsync"/> one <c>/api/v1/query_range</c> per 10,000 buckets.
/// </summary>
internal sealed partial class PrometheusSliSource(IHttpClientFactory httpClients, IOptions<PrometheusOptions> options, TimeProvider time, ILogger<PrometheusSliSource> logger)
    : ISliSource
{
    public const string HttpClientName = "SloBot.Prometheus";

    /// <summary>Below Prometheus's limit of 11,000 points per series and range query.</summary>
    private const int MaxPointsPerQuery = 10_000;

    private PrometheusApi Api() => new(httpClients.CreateClient(HttpClientName), options.Value, time, logger);

    private readonly RecordingRuleDetector _recorded = new(time);

    private readonly CountBatchCache _batches = new();

    public async Task<SliCounts> CountAsync(IReadOnlyList<SloDefinition> slos, IReadOnlyList<TimeSpan> windows, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var counts = new SliCounts();
        var api = Api();
        var countable = await CheckLatencyAsync(api, slos, end, counts, cancellationToken).ConfigureAwait(false);
        var parts = await Task.WhenAll(InParts(countable).Select(async part =>
        {
            var partCounts = new SliCounts();
            await CountIntoAsync(api, part.Select(s => (s, windows)).ToArray(), end, partCounts, cancellationToken).ConfigureAwait(false);
            return partCounts;
        })).ConfigureAwait(false);
        foreach (var part in parts)
            counts.Add(part);
        foreach (var slo in countable.Where(s => s.Indicator.Total.Length > 0))
            counts.SetSource(slo.Id, SliReadSource.RawCounters);
        return counts;
    }

    /// <summary>
    /// <see cref="CountAsync"/> for budgets and burn-rate alerts, reading recorded series where Prometheus has them
    /// (docs/prometheus.md, "Recording rules"): burn-rate windows from <c>slo:sli_error:ratio_rate&lt;w&gt;</c>, the SLO
    /// window from SloBot's recorded window events or event rates; everything else from the SLOs' queries, all in the same
    /// batched query (one per part of a large batch, <see cref="InParts"/>).
    /// </summary>
    public async Task<SliCounts> CountForBudgetsAsync(IReadOnlyList<SloDefinition> slos, IReadOnlyList<TimeSpan> windows, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var counts = new SliCounts();
        var api = Api();
        var countable = await CheckLatencyAsync(api, slos, end, counts, cancellationToken).ConfigureAwait(false);
        var recorded = await _recorded.DetectAsync(api, countable, end, cancellationToken).ConfigureAwait(false);
        var parts = await Task.WhenAll(InParts(countable).Select(part => CountPartForBudgetsAsync(api, part, windows, end, recorded, cancellationToken))).ConfigureAwait(false);
        foreach (var part in parts)
            counts.Add(part);
        return counts;
    }

    private async Task<SliCounts> CountPartForBudgetsAsync(
        PrometheusApi api, IReadOnlyList<SloDefinition> slos, IReadOnlyList<TimeSpan> windows, DateTimeOffset end, IReadOnlyDictionary<SloId, RecordedSlo> recorded, CancellationToken cancellationToken)
    {
        var counts = new SliCounts();
        var plan = RecordingPlan.For(slos, windows, end, recorded);
        var read = new RecordedRead(plan.Recorded);
        var missing = await CountIntoAsync(api, plan.Raw, end, counts, cancellationToken, read).ConfigureAwait(false);
        if (missing.Count > 0)
        {
            // None of these SLOs' recorded series answered: count them from their queries, and look for their rules again.
            foreach (var slo in missing)
                _recorded.Forget(slo.Id);
            await CountIntoAsync(api, missing.Select(s => (s, windows)).ToArray(), end, counts, cancellationToken).ConfigureAwait(false);
        }

        var byRules = read.Slos.Select(s => s.Id).Except(missing.Select(s => s.Id)).ToHashSet();
        foreach (var slo in slos.Where(s => s.Indicator.Total.Length > 0))
            counts.SetSource(slo.Id, byRules.Contains(slo.Id) ? SliReadSource.RecordingRules : SliReadSource.RawCounters);
        return counts;
    }

    /// <summary>
    /// The SLOs in up to <see cref="PrometheusOptions.ParallelQueries"/> parts of at least
    /// <see cref="PrometheusOptions.MinSlosPerQuery"/>, each counted in its own query, all sent at once: Prometheus evaluates
    /// one query on one core, so 1,000 SLOs' 30-day windows in four queries use every core it has. Each part finds its own
    /// bad SLO (<see cref="CountIntoAsync"/>).
    /// </summary>
    private IReadOnlyList<SloDefinition[]> InParts(IReadOnlyList<SloDefinition> slos)
    {
        var parts = Math.Clamp(slos.Count / PrometheusOptions.MinSlosPerQuery, 1, options.Value.ParallelQueries);
        return slos.Chunk(Math.Max(1, (slos.Count + parts - 1) / parts)).ToArray();
    }

    /// <summary>
    /// One batched query for <paramref name="wanted"/> (each SLO over its windows) and <paramref name="recorded"/>'s terms.
    /// When Prometheus refuses it (HTTP 400 or 422: one SLO's query is bad), the recorded terms are asked alone and the
    /// rest is halved until the culprit is alone: it is reported by name with Prometheus' message, and every other SLO is
    /// answered (about 2 log₂ N more queries per bad SLO). Returns the SLOs whose recorded series all came back empty.
    /// </summary>
    private async Task<IReadOnlyList<SloDefinition>> CountIntoAsync(
        PrometheusApi api, IReadOnlyList<(SloDefinition Slo, IReadOnlyList<TimeSpan> Windows)> wanted, DateTimeOffset end, SliCounts counts, CancellationToken cancellationToken, RecordedRead? recorded = null)
    {
        var batch = _batches.Get(wanted, recorded?.Terms ?? []);
        if (batch.TermCount == 0)
            return [];
        var queries = batch.Queries(options.Value.MaxQueryLength);
        var answers = new IReadOnlyList<PromSample>[queries.Count];
        try
        {
            await Parallel.ForEachAsync(
                Enumerable.Range(0, queries.Count),
                new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
                async (i, ct) => answers[i] = await api.QueryAsync(queries[i], end, ct).ConfigureAwait(false)).ConfigureAwait(false);
        }
        catch (SliSourceException e) when (e.QueryRejected)
        {
            var queried = wanted.Where(w => w.Slo.Indicator.Total.Length > 0).ToArray();
            if (recorded is { Terms.Count: > 0 })
            {
                if (queried.Length == 0)
                    throw; // SloBot's own reading of recorded series refused: a bug, not a catalog problem
                var missing = await CountIntoAsync(api, [], end, counts, cancellationToken, recorded).ConfigureAwait(false);
                await CountIntoAsync(api, queried, end, counts, cancellationToken).ConfigureAwait(false);
                return missing;
            }

            if (queried.Length == 1)
            {
                counts.Fail(queried[0].Slo.Id, $"{LatencyBoundaries.Named(queried[0].Slo)}: {e.Message}");
                Log.SloRefused(logger, queried[0].Slo.Id.ToString(), e.Message);
                return [];
            }

            var half = queried.Length / 2;
            await CountIntoAsync(api, queried[..half], end, counts, cancellationToken).ConfigureAwait(false);
            await CountIntoAsync(api, queried[half..], end, counts, cancellationToken).ConfigureAwait(false);
            return [];
        }

        var samples = answers.SelectMany(a => a).ToArray();
        batch.Apply(samples, counts);
        return recorded?.Apply(samples, counts) ?? [];
    }

    /// <summary>A classic histogram's <c>le</c> boundaries, asked at most once an hour per histogram.</summary>
    private static readonly TimeSpan BoundariesFor = TimeSpan.FromHours(1);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (IReadOnlyList<double> Boundaries, DateTimeOffset Asked)> _boundaries = new(StringComparer.Ordinal);

    /// <summary>
    /// Latency SLOs whose threshold is not one of their histogram's <c>le</c> boundaries (asked from Prometheus over the
    /// SLO's window) are not counted but reported, naming the nearest boundaries; the SLOs to count are returned.
    /// A histogram without series yet is counted as it is (no data).
    /// </summary>
    private async Task<IReadOnlyList<SloDefinition>> CheckLatencyAsync(PrometheusApi api, IReadOnlyList<SloDefinition> slos, DateTimeOffset end, SliCounts counts, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var stale = slos
            .Where(s => s.Indicator.Latency is not null)
            .GroupBy(s => s.Indicator.Latency!.Bucket, StringComparer.Ordinal)
            .Where(g => !_boundaries.TryGetValue(g.Key, out var known) || now - known.Asked >= BoundariesFor)
            .Select(g => (Bucket: g.Key, Window: g.Max(s => s.Window)))
            .ToArray();
        if (stale.Length == 0 && _boundaries.IsEmpty)
            return slos;
        await Parallel.ForEachAsync(
            stale,
            new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (h, ct) =>
            {
                try
                {
                    var values = await api.LabelValuesAsync("le", h.Bucket, end - h.Window, end, ct).ConfigureAwait(false);
                    _boundaries[h.Bucket] = (LatencyBoundaries.Parse(values), now);
                }
                catch (SliSourceException e) when (e.QueryRejected)
                {
                    // A selector Prometheus refuses: the batch finds the culprit and reports it with the query's message.
                }
            }).ConfigureAwait(false);
        var result = new List<SloDefinition>(slos.Count);
        foreach (var slo in slos)
        {
            if (slo.Indicator.Latency is { } latency && _boundaries.TryGetValue(latency.Bucket, out var known) && LatencyBoundaries.Problem(slo, known.Boundaries) is { } problem)
                counts.Fail(slo.Id, problem);
            else
                result.Add(slo);
        }

        return result;
    }
}
