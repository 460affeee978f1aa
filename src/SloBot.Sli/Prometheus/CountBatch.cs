using System.Text;
using SloBot.Core.Budgets;
using SloBot.Core.Catalog;
using SloBot.Core.Sli;
using SloBot.Sli.Prometheus.PromQl;

namespace SloBot.Sli.Prometheus;

/// <summary>
/// All the counts a budget needs as few PromQL queries as possible (docs/prometheus.md, "Batching"): every
/// distinct windowed expression becomes one term <c>sum(expr)</c>, tagged with <c>label_replace</c> as
/// <c>slobot_slo</c>, <c>slobot_kind</c> and <c>slobot_window</c>, and the terms are joined with <c>or</c> in a
/// balanced tree. One query answers every SLO and window; only a text longer than
/// <see cref="PrometheusOptions.MaxQueryLength"/> is split into several.
/// </summary>
internal sealed class CountBatch
{
    public const string SloLabel = "slobot_slo";
    public const string KindLabel = "slobot_kind";
    public const string WindowLabel = "slobot_window";

    private readonly List<Term> _terms = [];
    private readonly Dictionary<(string Slo, string Kind, string Window), int> _byTag = [];
    private readonly Dictionary<string, int> _byExpression = new(StringComparer.Ordinal);
    private readonly List<(SloDefinition Slo, TimeSpan Window, int? Good, int? Bad, int Total, double Scale)> _wanted = [];

    private sealed record Term(string Expression, string Text);

    public CountBatch(IEnumerable<SloDefinition> slos, IEnumerable<TimeSpan> windows)
    {
        var windowList = windows.Distinct().ToArray();
        foreach (var slo in slos.Where(s => s.Indicator.Total.Length > 0))
        {
            var scaleBySeconds = CounterWindowing.IsPerSecond(slo.Indicator);
            foreach (var window in windowList)
            {
                int? Add(string? expression, string kind) => expression is null ? null : AddTerm(slo, window, kind, expression);
                _wanted.Add((slo, window, Add(slo.Indicator.Good, "good"), Add(slo.Indicator.Bad, "bad"), Add(slo.Indicator.Total, "total")!.Value,
                    scaleBySeconds ? window.TotalSeconds : 1));
            }
        }
    }

    public int TermCount => _terms.Count;

    /// <summary>The PromQL texts to send: one, unless it would be longer than <paramref name="maxLength"/>.</summary>
    public IReadOnlyList<string> Queries(int maxLength)
    {
        var chunks = new List<List<Term>>();
        var length = 0;
        foreach (var term in _terms)
        {
            if (chunks.Count == 0 || (length + term.Text.Length + 8 > maxLength && chunks[^1].Count > 0))
            {
                chunks.Add([]);
                length = 0;
            }

            chunks[^1].Add(term);
            length += term.Text.Length + 8;
        }

        return chunks.Select(c => Join(c, 0, c.Count)).ToArray();
    }

    /// <summary>Puts the answer into <paramref name="into"/>: every SLO and window gets counts (zero when Prometheus had none).</summary>
    public void Apply(IEnumerable<PromSample> samples, SliCounts into)
    {
        var values = new double[_terms.Count];
        foreach (var sample in samples)
        {
            if (sample.Labels.TryGetValue(SloLabel, out var slo) && sample.Labels.TryGetValue(KindLabel, out var kind) &&
                sample.Labels.TryGetValue(WindowLabel, out var window) && _byTag.TryGetValue((slo, kind, window), out var index) &&
                double.IsFinite(sample.Value))
            {
                values[index] = sample.Value;
            }
        }

        foreach (var (slo, window, good, bad, total, scale) in _wanted)
        {
            var t = Math.Max(0, values[total] * scale);
            var g = good is { } gi ? values[gi] * scale : t - (bad is { } bi ? values[bi] * scale : 0);
            into.Set(slo.Id, window, new EventCounts(Math.Clamp(g, 0, t), t));
        }
    }

    private int AddTerm(SloDefinition slo, TimeSpan window, string kind, string expression)
    {
        var windowed = CounterWindowing.ForWindow(expression, slo.Indicator.Kind, window);
        if (_byExpression.TryGetValue(windowed, out var existing))
            return existing;
        var tag = (slo.Id.ToString(), kind, SloWindow.Format(window));
        var text = new StringBuilder(windowed.Length + 160)
            .Append("label_replace(label_replace(label_replace(sum(").Append(windowed).Append(')')
            .Append(", \"").Append(SloLabel).Append("\", \"").Append(Escape(tag.Item1)).Append("\", \"\", \"\")")
            .Append(", \"").Append(KindLabel).Append("\", \"").Append(kind).Append("\", \"\", \"\")")
            .Append(", \"").Append(WindowLabel).Append("\", \"").Append(tag.Item3).Append("\", \"\", \"\")")
            .ToString();
        _terms.Add(new Term(windowed, text));
        _byExpression[windowed] = _terms.Count - 1;
        _byTag[tag] = _terms.Count - 1;
        return _terms.Count - 1;
    }

    /// <summary>A balanced <c>or</c> tree: Prometheus evaluates a left-deep chain of N terms in O(N²).</summary>
    private static string Join(List<Term> terms, int from, int to) => to - from == 1
        ? terms[from].Text
        : $"({Join(terms, from, from + ((to - from) / 2))} or {Join(terms, from + ((to - from) / 2), to)})";

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
