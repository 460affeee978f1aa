using System.Collections.Concurrent;
using SloBot.Core.Budgets;
using SloBot.Core.Catalog;
using SloBot.Core.Design;
using SloBot.Core.Sli;

namespace SloBot.Sli.Prometheus.Recorded;

/// <summary>
/// Finds, once an hour per SLO, which of its series Prometheus already records (SloBot's rules from <c>slobot rules</c>
/// or Sloth's): one instant query for every SLO not asked within the hour, counting the recorded series by
/// <c>sloth_id</c> and name now, SloBot's total event rate and hourly total at the start of each SLO window (they must
/// cover the window to be read for it), and the window's recorded events in the last ten minutes.
/// </summary>
internal sealed class RecordingRuleDetector(TimeProvider time)
{
    public static readonly TimeSpan DetectEvery = TimeSpan.FromHours(1);

    /// <summary>The first stretch of the window in which a recorded rate must have a sample (rules evaluated at least this often).</summary>
    private static readonly TimeSpan StartSlack = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<SloId, (RecordedSlo Recorded, DateTimeOffset Asked)> _known = new();

    /// <summary>
    /// SLOs whose recordings SloBot can read: event SLOs with queries. Time-slice SLOs (counted in slices) and ratio-only
    /// SLIs (<c>ratioMetric.raw</c>, no events) are always counted from their queries.
    /// </summary>
    public static bool Eligible(SloDefinition slo) =>
        slo.Indicator.Total.Length > 0 && slo.TimeSlices is null && slo.Indicator.Kind != SliQueryKind.Gauge;

    public async Task<IReadOnlyDictionary<SloId, RecordedSlo>> DetectAsync(PrometheusApi api, IReadOnlyList<SloDefinition> slos, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var eligible = slos.Where(Eligible).DistinctBy(s => s.Id).ToArray();
        var stale = eligible.Where(s => !_known.TryGetValue(s.Id, out var known) || now - known.Asked >= DetectEvery).ToArray();
        if (stale.Length > 0)
        {
            IReadOnlyList<PromSample> samples;
            try
            {
                samples = await api.QueryAsync(Query(stale), end, cancellationToken).ConfigureAwait(false);
            }
            catch (SliSourceException e) when (e.QueryRejected)
            {
                samples = []; // a Prometheus that cannot answer the question has no recordings SloBot can read
            }

            var found = Parse(stale, samples);
            foreach (var slo in stale)
                _known[slo.Id] = (found[slo.Id], now);
        }

        return eligible.ToDictionary(s => s.Id, s => _known.TryGetValue(s.Id, out var known) ? known.Recorded : RecordedSlo.None);
    }

    /// <summary>Asks again next time (the recorded series came back empty: the rules may be gone).</summary>
    public void Forget(SloId slo) => _known.TryRemove(slo, out _);

    /// <summary>
    /// <c>count by (sloth_id, __name__)</c> of the ratio and event-rate recordings now, <c>or</c> for each window length
    /// the total event rate's samples in the first minutes of that window.
    /// </summary>
    internal static string Query(IReadOnlyList<SloDefinition> slos)
    {
        var names = $"{RecordedNames.RatioPrefix}.+|{Escape(PrometheusRulesBuilder.BadEvents)}|{Escape(PrometheusRulesBuilder.TotalEvents)}" +
            $"|{PrometheusRulesBuilder.EventsOverPattern}";
        var terms = new List<string>
        {
            $"label_replace(count by (sloth_id, __name__) ({{__name__=~\"{CountBatch.Escape(names)}\", {RecordedNames.IdMatcher(slos)}}}), \"{RecordedNames.RecordLabel}\", \"$1\", \"__name__\", \"(.+)\")",
        };
        foreach (var group in slos.Where(s => s.Calendar is null).GroupBy(s => s.Window))
        {
            var range = SloWindow.Format(StartSlack);
            var offset = SloWindow.Format(group.Key - StartSlack);
            foreach (var (record, tag) in new[] { (PrometheusRulesBuilder.TotalEvents, "covers"), (PrometheusRulesBuilder.TotalEventsOver(BudgetHistory.Step(group.Key)), "covers-hourly") })
            {
                terms.Add(CountBatch.Tag(
                    $"count by (sloth_id) (count_over_time({record}{{{RecordedNames.IdMatcher(group)}}}[{range}] offset {offset}))",
                    (RecordedNames.RecordLabel, tag),
                    (CountBatch.WindowLabel, SloWindow.Format(group.Key))));
            }

            // The window's own events, recorded every five minutes: present when the last two evaluations left a sample.
            foreach (var (record, tag) in new[] { (PrometheusRulesBuilder.BadEventsOver(group.Key), "window-bad"), (PrometheusRulesBuilder.TotalEventsOver(group.Key), "window-total") })
            {
                terms.Add(CountBatch.Tag(
                    $"count by (sloth_id) (last_over_time({record}{{{RecordedNames.IdMatcher(group)}}}[{SloWindow.Format(RecordedRead.WindowEventsLookback)}]))",
                    (RecordedNames.RecordLabel, tag),
                    (CountBatch.WindowLabel, SloWindow.Format(group.Key))));
            }
        }

        return string.Join(" or ", terms.Select(t => $"({t})"));
    }

    private static Dictionary<SloId, RecordedSlo> Parse(IReadOnlyList<SloDefinition> slos, IReadOnlyList<PromSample> samples)
    {
        var ratios = new Dictionary<string, HashSet<TimeSpan>>(StringComparer.Ordinal);
        var records = new HashSet<(string Id, string Record)>();
        var covers = new HashSet<(string Id, string Window)>();
        foreach (var sample in samples)
        {
            if (!sample.Labels.TryGetValue("sloth_id", out var id) || !sample.Labels.TryGetValue(RecordedNames.RecordLabel, out var record))
                continue;
            if (record is "covers" or "covers-hourly" or "window-bad" or "window-total" && sample.Labels.TryGetValue(CountBatch.WindowLabel, out var window))
                covers.Add((id, record == "covers" ? window : record + " " + window));
            else if (RecordedNames.RatioWindow(record) is { } ratioWindow)
                (ratios.TryGetValue(id, out var set) ? set : ratios[id] = []).Add(ratioWindow);
            else
                records.Add((id, record));
        }

        return slos.ToDictionary(s => s.Id, s =>
        {
            var id = RecordedNames.Id(s);
            var events = s.Calendar is null && records.Contains((id, PrometheusRulesBuilder.BadEvents)) && records.Contains((id, PrometheusRulesBuilder.TotalEvents))
                && covers.Contains((id, SloWindow.Format(s.Window)));
            var step = BudgetHistory.Step(s.Window);
            var hourly = s.Calendar is null && records.Contains((id, PrometheusRulesBuilder.BadEventsOver(step))) && records.Contains((id, PrometheusRulesBuilder.TotalEventsOver(step)))
                && covers.Contains((id, "covers-hourly " + SloWindow.Format(s.Window)));
            var window = events && covers.Contains((id, "window-bad " + SloWindow.Format(s.Window))) && covers.Contains((id, "window-total " + SloWindow.Format(s.Window)));
            return new RecordedSlo(ratios.TryGetValue(id, out var set) ? set : new HashSet<TimeSpan>(), events, hourly, window);
        });
    }

    private static string Escape(string name) => name.Replace(".", "\\.", StringComparison.Ordinal);
}
