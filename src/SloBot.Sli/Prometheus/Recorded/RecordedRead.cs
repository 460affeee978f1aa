using SloBot.Core.Budgets;
using SloBot.Core.Catalog;
using SloBot.Core.Design;
using SloBot.Core.Sli;

namespace SloBot.Sli.Prometheus.Recorded;

/// <summary>
/// The terms that read recorded series, sent in the same batched query as the raw-counter terms: one selector for every
/// SLO's recorded error ratios (<c>slo:sli_error:ratio_rate&lt;w&gt;</c>, burn-rate windows only), and per SLO window
/// length either the window's recorded events (<c>slo:sli_*_events:increase&lt;window&gt;</c>, one sample per SLO: the
/// rules' last evaluation within ten minutes) or, where only the rates are recorded, the mean of SloBot's recorded event
/// rates over the window (× its seconds = events, what <c>increase()</c> gives within the rules' five-minute steps). Never
/// Sloth's period ratio, an average of 5-minute ratios.
/// </summary>
internal sealed class RecordedRead
{
    private readonly List<(SloDefinition Slo, IReadOnlyList<TimeSpan> Windows)> _ratios = [];
    private readonly List<(SloDefinition Slo, TimeSpan Window, bool Recorded)> _events = [];

    /// <summary>How far back the window's recorded events are looked for: two evaluations of their five-minute group.</summary>
    public static readonly TimeSpan WindowEventsLookback = TimeSpan.FromMinutes(10);
    private readonly List<string> _terms = [];

    public RecordedRead(IEnumerable<(SloDefinition Slo, IReadOnlyList<TimeSpan> RatioWindows, TimeSpan? EventWindow, bool WindowEventsRecorded)> plan)
    {
        foreach (var (slo, ratioWindows, eventWindow, windowEvents) in plan)
        {
            if (ratioWindows.Count > 0)
                _ratios.Add((slo, ratioWindows));
            if (eventWindow is { } w)
                _events.Add((slo, w, windowEvents));
        }

        if (_ratios.Count > 0)
        {
            var names = string.Join('|', _ratios.SelectMany(r => r.Windows).Distinct().Order().Select(w => PrometheusRulesBuilder.ErrorRatioRecord(w)));
            _terms.Add($"label_replace(max by (sloth_id, __name__) ({{__name__=~\"{CountBatch.Escape(names)}\", {RecordedNames.IdMatcher(_ratios.Select(r => r.Slo))}}}), \"{RecordedNames.RecordLabel}\", \"$1\", \"__name__\", \"(.+)\")");
        }

        foreach (var group in _events.GroupBy(e => (e.Window, e.Recorded)))
        {
            var ids = RecordedNames.IdMatcher(group.Select(e => e.Slo));
            var window = SloWindow.Format(group.Key.Window);
            var reads = group.Key.Recorded
                ? new[] { ("bad", $"last_over_time({PrometheusRulesBuilder.BadEventsOver(group.Key.Window)}{{{ids}}}[{SloWindow.Format(WindowEventsLookback)}])"),
                          ("total", $"last_over_time({PrometheusRulesBuilder.TotalEventsOver(group.Key.Window)}{{{ids}}}[{SloWindow.Format(WindowEventsLookback)}])") }
                : new[] { ("bad", $"avg_over_time({PrometheusRulesBuilder.BadEvents}{{{ids}}}[{window}])"), ("total", $"avg_over_time({PrometheusRulesBuilder.TotalEvents}{{{ids}}}[{window}])") };
            foreach (var (kind, read) in reads)
                _terms.Add(CountBatch.Tag($"max by (sloth_id) ({read})", (RecordedNames.RecordLabel, kind), (CountBatch.WindowLabel, window)));
        }
    }

    public IReadOnlyList<string> Terms => _terms;

    /// <summary>The SLOs this read answers (the others are counted from their queries).</summary>
    public IEnumerable<SloDefinition> Slos => _ratios.Select(r => r.Slo).Concat(_events.Select(e => e.Slo)).DistinctBy(s => s.Id);

    /// <summary>
    /// Puts the recorded figures into <paramref name="into"/>: a ratio r as r over one unit event (a ratio recorded as NaN,
    /// Sloth's no traffic, or absent, SloBot's, is no events), the window's events as recorded or as mean rate × seconds. Returns the SLOs
    /// none of whose recorded series answered: the rules may be gone, so they are counted from their queries instead.
    /// </summary>
    public IReadOnlyList<SloDefinition> Apply(IEnumerable<PromSample> samples, SliCounts into)
    {
        var ratios = new Dictionary<(string Id, TimeSpan Window), double>();
        var rates = new Dictionary<(string Id, string Kind, string Window), double>();
        foreach (var sample in samples)
        {
            if (!sample.Labels.TryGetValue("sloth_id", out var id) || !sample.Labels.TryGetValue(RecordedNames.RecordLabel, out var record))
                continue;
            if (RecordedNames.RatioWindow(record) is { } window)
                ratios[(id, window)] = sample.Value;
            else if (sample.Labels.TryGetValue(CountBatch.WindowLabel, out var w))
                rates[(id, record, w)] = sample.Value;
        }

        var answered = new HashSet<SloId>();
        foreach (var (slo, windows) in _ratios)
        {
            var id = RecordedNames.Id(slo);
            foreach (var window in windows)
            {
                if (!ratios.TryGetValue((id, window), out var r))
                {
                    into.Set(slo.Id, window, EventCounts.None);
                    continue;
                }

                answered.Add(slo.Id);
                into.Set(slo.Id, window, double.IsNaN(r) ? EventCounts.None : new EventCounts(1 - r, 1));
            }
        }

        foreach (var (slo, window, recorded) in _events)
        {
            var id = RecordedNames.Id(slo);
            var w = SloWindow.Format(window);
            if (!rates.TryGetValue((id, "total", w), out var total))
            {
                into.Set(slo.Id, window, EventCounts.None);
                continue;
            }

            answered.Add(slo.Id);
            var scale = recorded ? 1 : window.TotalSeconds; // recorded events, or a mean rate
            var t = total * scale;
            var bad = rates.TryGetValue((id, "bad", w), out var b) ? b * scale : 0;
            var g = t - bad;
            into.Set(slo.Id, window, new EventCounts(g > t && g <= t * (1 + 1e-9) ? t : g, t));
        }

        return Slos.Where(s => !answered.Contains(s.Id)).ToArray();
    }
}
