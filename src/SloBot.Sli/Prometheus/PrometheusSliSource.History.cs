using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SloBot.Core.Budgets;
using SloBot.Core.Catalog;
using SloBot.Core.Sli;
using SloBot.Sli.Prometheus.PromQl;
using SloBot.Sli.Prometheus.Recorded;

namespace SloBot.Sli.Prometheus;

/// <summary>The histories: one SLO's series of buckets, and every SLO's for <c>/slo status</c> (recorded bucket events where Prometheus has them).</summary>
internal sealed partial class PrometheusSliSource
{
    public async Task<IReadOnlyList<EventBucket>> SeriesAsync(SloDefinition slo, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken)
    {
        var ends = HistoryGrid.BucketEnds(start, end, step);
        if (ends.Count == 0 || slo.Indicator.Total.Length == 0)
            return [];
        var batch = new CountBatch([slo], [step]);
        var query = batch.Queries(int.MaxValue)[0];
        var api = Api();
        var result = new List<EventBucket>(ends.Count);
        for (var first = 0; first < ends.Count; first += MaxPointsPerQuery)
        {
            var last = Math.Min(ends.Count, first + MaxPointsPerQuery) - 1;
            var series = await api.QueryRangeAsync(query, ends[first], ends[last], step, cancellationToken).ConfigureAwait(false);
            result.AddRange(Buckets(slo, step, batch, series, ends, first, last));
        }

        return result;
    }

    /// <summary>
    /// Every SLO's history in batched range queries per window length, as many as keep each answer under half of
    /// <see cref="PrometheusOptions.MaxResponseBytes"/> (1,000 SLOs over 30 days: four at the default 32 MiB), so
    /// <c>/slo status</c> over N services costs a number of requests that grows only with the answer's size. A step where an SLO's total has no
    /// sample is missing data for that SLO. SLOs whose hourly event counts Prometheus records (<c>slobot rules</c>, detected
    /// with the other recordings) are read from them instead, in one more range query per window length.
    /// </summary>
    public async Task<IReadOnlyDictionary<SloId, IReadOnlyList<EventBucket>>> HistoriesAsync(IReadOnlyList<SloDefinition> slos, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var result = new Dictionary<SloId, IReadOnlyList<EventBucket>>();
        var api = Api();
        var withQueries = slos.Where(s => s.Indicator.Total.Length > 0).ToArray();
        var recorded = await _recorded.DetectAsync(api, withQueries, end, cancellationToken).ConfigureAwait(false);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken };
        foreach (var group in withQueries.Where(s => recorded.GetValueOrDefault(s.Id)?.HourlyEventsCoverWindow == true).GroupBy(s => s.Window))
        {
            // SloBot's recorded events per bucket: one sample per SLO and bucket. Those none of whose buckets answered are counted raw below.
            var step = BudgetHistory.Step(group.Key);
            var ends = HistoryGrid.BucketEnds(end - group.Key, end, step);
            if (ends.Count == 0 || ends.Count > MaxPointsPerQuery)
                continue;
            await Parallel.ForEachAsync(InAnswersOfBoundedSize(group.ToArray(), ends.Count), parallel, async (members, ct) =>
            {
                var series = await api.QueryRangeAsync(RecordedHistory.Query(members, step), ends[0], ends[^1], step, ct).ConfigureAwait(false);
                var buckets = RecordedHistory.Buckets(members, series, ends, step);
                lock (result)
                {
                    foreach (var (id, list) in buckets)
                        result[id] = list;
                }
            }).ConfigureAwait(false);
        }

        foreach (var group in withQueries.Where(s => !result.ContainsKey(s.Id)).GroupBy(s => s.Window))
        {
            var step = BudgetHistory.Step(group.Key);
            var ends = HistoryGrid.BucketEnds(end - group.Key, end, step);
            await Parallel.ForEachAsync(InAnswersOfBoundedSize(group.ToArray(), Math.Min(ends.Count, MaxPointsPerQuery)), parallel, async (members, ct) =>
            {
                var lists = await RawHistoryAsync(api, members, ends, step, ct).ConfigureAwait(false);
                lock (result)
                {
                    foreach (var (id, list) in lists)
                        result[id] = list;
                }
            }).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>
    /// The SLOs in groups whose range answer stays under half of <see cref="PrometheusOptions.MaxResponseBytes"/>: about
    /// two series per SLO, at most 40 bytes a point (measured: 27) and 512 of labels. 1,000 SLOs over 30 days of hourly
    /// points answer about 39 MB in one query, more than the 32 MiB SloBot reads; four queries of at most ~11 MB each do.
    /// </summary>
    private IEnumerable<SloDefinition[]> InAnswersOfBoundedSize(SloDefinition[] slos, int points)
    {
        var perSlo = 2 * ((points * 40L) + 512);
        var size = (int)Math.Clamp(options.Value.MaxResponseBytes / 2 / perSlo, 1, int.MaxValue);
        return slos.Chunk(size);
    }

    /// <summary>One group's history from its queries: each bucket the batched terms over one step, per range of 10,000 points.</summary>
    private async Task<Dictionary<SloId, List<EventBucket>>> RawHistoryAsync(PrometheusApi api, SloDefinition[] members, IReadOnlyList<DateTimeOffset> ends, TimeSpan step, CancellationToken cancellationToken)
    {
        var lists = members.ToDictionary(s => s.Id, _ => new List<EventBucket>(ends.Count));
        var batch = new CountBatch(members, [step]);
        var queries = batch.Queries(options.Value.MaxQueryLength);
        for (var first = 0; first < ends.Count; first += MaxPointsPerQuery)
        {
            var last = Math.Min(ends.Count, first + MaxPointsPerQuery) - 1;
            var answers = new List<PromSeries>();
            foreach (var query in queries)
                answers.AddRange(await api.QueryRangeAsync(query, ends[first], ends[last], step, cancellationToken).ConfigureAwait(false));
            var samples = AtSteps(answers, ends[first], step, last - first + 1);
            for (var k = 0; k < samples.Length; k++)
            {
                var counts = new SliCounts();
                var answered = new HashSet<SloId>();
                batch.Apply(samples[k], counts, answered);
                foreach (var slo in members)
                    lists[slo.Id].Add(answered.Contains(slo.Id) ? new EventBucket(ends[first + k], counts.Get(slo.Id, step)) : EventBucket.NoData(ends[first + k]));
            }
        }

        return lists;
    }

    /// <summary>The samples of a range answer by step: points placed by their offset from the first end in whole steps.</summary>
    private static List<PromSample>[] AtSteps(IReadOnlyList<PromSeries> series, DateTimeOffset firstEnd, TimeSpan step, int count)
    {
        var byStep = Enumerable.Range(0, count).Select(_ => new List<PromSample>()).ToArray();
        var firstMs = firstEnd.ToUnixTimeMilliseconds();
        var stepMs = (long)step.TotalMilliseconds;
        foreach (var s in series)
        {
            foreach (var (at, value) in s.Points)
            {
                var offset = at.ToUnixTimeMilliseconds() - firstMs;
                var k = (int)Math.Round((double)offset / stepMs);
                if (k >= 0 && k < count && Math.Abs(offset - (k * stepMs)) < stepMs / 2)
                    byStep[k].Add(new PromSample(s.Labels, value));
            }
        }

        return byStep;
    }

    /// <summary>
    /// The range answer as buckets. Points are placed by their offset from the first end in whole steps (Prometheus
    /// answers in milliseconds, never at our 100 ns instants); a step no series has a point at is missing data.
    /// </summary>
    private static IEnumerable<EventBucket> Buckets(SloDefinition slo, TimeSpan step, CountBatch batch, IReadOnlyList<PromSeries> series, IReadOnlyList<DateTimeOffset> ends, int first, int last)
    {
        var count = last - first + 1;
        var firstMs = ends[first].ToUnixTimeMilliseconds();
        var stepMs = (long)step.TotalMilliseconds;
        var byIndex = series.Select(s =>
        {
            var values = new double?[count];
            foreach (var (at, value) in s.Points)
            {
                var offset = at.ToUnixTimeMilliseconds() - firstMs;
                var k = (int)Math.Round((double)offset / stepMs);
                if (k >= 0 && k < count && Math.Abs(offset - (k * stepMs)) < stepMs / 2)
                    values[k] = value;
            }

            return (s.Labels, Values: values);
        }).ToArray();
        for (var k = 0; k < count; k++)
        {
            var samples = byIndex.Where(s => s.Values[k] is not null).Select(s => new PromSample(s.Labels, s.Values[k]!.Value)).ToArray();
            if (samples.Length == 0)
            {
                yield return EventBucket.NoData(ends[first + k]);
                continue;
            }

            var counts = new SliCounts();
            batch.Apply(samples, counts);
            yield return new EventBucket(ends[first + k], counts.Get(slo.Id, step));
        }
    }
}
