using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SloBot.Core.Catalog;
using SloBot.Core.Sli;
using SloBot.Sli.Prometheus.PromQl;

namespace SloBot.Sli.Prometheus;

/// <summary>
/// SLI counts from Prometheus's HTTP API. <see cref="CountAsync"/> costs one <c>/api/v1/query</c> for any number of
/// SLOs and windows (more only when the PromQL text exceeds <see cref="PrometheusOptions.MaxQueryLength"/>);
/// <see cref="SeriesAsync"/> one <c>/api/v1/query_range</c> per 10,000 buckets.
/// </summary>
internal sealed class PrometheusSliSource(IHttpClientFactory httpClients, IOptions<PrometheusOptions> options, TimeProvider time, ILogger<PrometheusSliSource> logger)
    : ISliSource
{
    public const string HttpClientName = "SloBot.Prometheus";

    /// <summary>Below Prometheus's limit of 11,000 points per series and range query.</summary>
    private const int MaxPointsPerQuery = 10_000;

    private PrometheusApi Api() => new(httpClients.CreateClient(HttpClientName), options.Value, time, logger);

    public async Task<SliCounts> CountAsync(IReadOnlyList<SloDefinition> slos, IReadOnlyList<TimeSpan> windows, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var counts = new SliCounts();
        var batch = new CountBatch(slos, windows);
        if (batch.TermCount == 0)
            return counts;
        var api = Api();
        var queries = batch.Queries(options.Value.MaxQueryLength);
        var answers = new IReadOnlyList<PromSample>[queries.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, queries.Count),
            new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (i, ct) => answers[i] = await api.QueryAsync(queries[i], end, ct).ConfigureAwait(false)).ConfigureAwait(false);
        batch.Apply(answers.SelectMany(a => a), counts);
        return counts;
    }

    public async Task<IReadOnlyList<EventBucket>> SeriesAsync(SloDefinition slo, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken)
    {
        if (step <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(step), step, "The step must be positive.");
        var buckets = (int)((end - start).Ticks / step.Ticks);
        if (buckets <= 0 || slo.Indicator.Total.Length == 0)
            return [];
        var batch = new CountBatch([slo], [step]);
        var query = batch.Queries(int.MaxValue)[0];
        var api = Api();
        var result = new List<EventBucket>(buckets);
        for (var first = 1; first <= buckets; first += MaxPointsPerQuery)
        {
            var last = Math.Min(buckets, first + MaxPointsPerQuery - 1);
            var series = await api.QueryRangeAsync(query, start + (step * first), start + (step * last), step, cancellationToken).ConfigureAwait(false);
            var byTime = series.Select(s => (s.Labels, Points: s.Points.ToDictionary(p => p.At, p => p.Value))).ToArray();
            for (var k = first; k <= last; k++)
            {
                var at = start + (step * k);
                var counts = new SliCounts();
                batch.Apply(byTime.Select(s => new PromSample(s.Labels, s.Points.GetValueOrDefault(at, double.NaN))), counts);
                result.Add(new EventBucket(at, counts.Get(slo.Id, step)));
            }
        }

        return result;
    }
}
