using SloBot.Core.Budgets;
using SloBot.Core.Catalog;
using SloBot.Core.Design;
using SloBot.Core.Sli;

namespace SloBot.Sli.Prometheus.Recorded;

/// <summary>
/// The history of SLOs whose events per history step <c>slobot rules</c> records (<c>slo:sli_bad_events:increase1h</c>,
/// <c>slo:sli_total_events:increase1h</c> for a 30-day window): one range query at the history's steps reads one sample
/// per series and step (the value of the last rule evaluation at or before the bucket's end, within Prometheus' 5-minute
/// lookback), instead of rescanning every raw sample of the window. A bucket without a recorded total is missing data.
/// </summary>
internal static class RecordedHistory
{
    /// <summary>The range query for SLOs of one window length, whose history step is <paramref name="step"/>.</summary>
    public static string Query(IReadOnlyList<SloDefinition> slos, TimeSpan step)
    {
        var ids = RecordedNames.IdMatcher(slos);
        return $"label_replace(max by (sloth_id) ({PrometheusRulesBuilder.TotalEventsOver(step)}{{{ids}}}), \"{RecordedNames.RecordLabel}\", \"total\", \"\", \"\")" +
               $" or label_replace(max by (sloth_id) ({PrometheusRulesBuilder.BadEventsOver(step)}{{{ids}}}), \"{RecordedNames.RecordLabel}\", \"bad\", \"\", \"\")";
    }

    /// <summary>
    /// Buckets per SLO from the range answer (points placed by their offset in whole steps from the first end). SLOs with
    /// no recorded total at any step are left out: their rules may be gone, and the caller counts them from their queries.
    /// </summary>
    public static Dictionary<SloId, IReadOnlyList<EventBucket>> Buckets(IReadOnlyList<SloDefinition> slos, IReadOnlyList<PromSeries> series, IReadOnlyList<DateTimeOffset> ends, TimeSpan step)
    {
        var firstMs = ends[0].ToUnixTimeMilliseconds();
        var stepMs = (long)step.TotalMilliseconds;
        var values = new Dictionary<(string Id, string Kind), double?[]>();
        foreach (var s in series)
        {
            if (!s.Labels.TryGetValue("sloth_id", out var id) || !s.Labels.TryGetValue(RecordedNames.RecordLabel, out var kind))
                continue;
            var at = new double?[ends.Count];
            foreach (var (time, value) in s.Points)
            {
                var offset = time.ToUnixTimeMilliseconds() - firstMs;
                var k = (int)Math.Round((double)offset / stepMs);
                if (k >= 0 && k < ends.Count && Math.Abs(offset - (k * stepMs)) < stepMs / 2)
                    at[k] = value;
            }

            values[(id, kind)] = at;
        }

        var result = new Dictionary<SloId, IReadOnlyList<EventBucket>>();
        foreach (var slo in slos)
        {
            var id = RecordedNames.Id(slo);
            if (!values.TryGetValue((id, "total"), out var total) || total.All(v => v is null))
                continue;
            var bad = values.GetValueOrDefault((id, "bad"));
            var buckets = new EventBucket[ends.Count];
            for (var k = 0; k < ends.Count; k++)
            {
                if (total[k] is not { } t)
                {
                    buckets[k] = EventBucket.NoData(ends[k]);
                    continue;
                }

                // A bad count without its series is no bad events (SloBot's rules sum an empty selection to nothing).
                var b = bad?[k] ?? 0;
                buckets[k] = new EventBucket(ends[k], new EventCounts(t - b < 0 ? 0 : Math.Min(t - b, t), t));
            }

            result[slo.Id] = buckets;
        }

        return result;
    }
}
