using System.Text;
using SloBot.Core.Budgets;
using SloBot.Core.Catalog;
using SloBot.Core.Sli;
using SloBot.Sli.Prometheus.PromQl;

namespace SloBot.Sli.Prometheus;

/// <summary>
/// All the counts a budget needs in as few PromQL queries as possible (docs/prometheus.md, "Batching").
/// Every distinct windowed expression is needed once. Expressions that differ only in one label's value are folded
/// into one <c>sum by (label)</c> term; the others become <c>sum(expr)</c> terms. Terms are tagged with
/// <c>label_replace</c> (<c>slobot_slo</c>, <c>slobot_kind</c>, <c>slobot_window</c>, or <c>slobot_group</c> for
/// folded ones) and joined with <c>or</c> in a balanced tree. One query answers every SLO and window; only a text
/// longer than <see cref="PrometheusOptions.MaxQueryLength"/> is split into several.
/// </summary>
internal sealed class CountBatch
{
    public const string SloLabel = "slobot_slo";
    public const string KindLabel = "slobot_kind";
    public const string WindowLabel = "slobot_window";
    public const string GroupLabel = "slobot_group";

    private readonly List<string> _expressions = [];
    private readonly Dictionary<string, int> _byExpression = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Slo, string Kind, string Window), int> _byTag = [];
    private readonly List<(string Label, Dictionary<string, int> ByValue)> _groups = [];
    private readonly List<string> _terms = [];
    private readonly List<(SloDefinition Slo, TimeSpan Window, int? Good, int? Bad, int Total, double Scale)> _wanted = [];

    public CountBatch(IEnumerable<SloDefinition> slos, IEnumerable<TimeSpan> windows, bool fold = true)
        : this(WithWindows(slos, windows.Distinct().ToArray()), [], fold)
    {
    }

    /// <summary>Each SLO over its own windows, and <paramref name="extraTerms"/> (tagged by their maker, read by it) in the same query.</summary>
    public CountBatch(IEnumerable<(SloDefinition Slo, IReadOnlyList<TimeSpan> Windows)> wanted, IReadOnlyList<string> extraTerms, bool fold = true)
    {
        var tags = new List<(string Slo, string Kind, string Window)>();
        foreach (var (slo, windows) in wanted.Where(w => w.Slo.Indicator.Total.Length > 0))
        {
            var scaleBySeconds = CounterWindowing.IsPerSecond(slo.Indicator);
            foreach (var window in windows.Distinct())
            {
                int? Add(string? expression, string kind) =>
                    expression is null ? null : AddWindowed(CounterWindowing.ForWindow(expression, slo.Indicator.Kind, window), kind);

                int AddWindowed(string windowed, string kind)
                {
                    if (_byExpression.TryGetValue(windowed, out var existing))
                        return existing;
                    _expressions.Add(windowed);
                    tags.Add((slo.Id.ToString(), kind, SloWindow.Format(window)));
                    return _byExpression[windowed] = _expressions.Count - 1;
                }

                if (slo.TimeSlices is not null)
                {
                    // Counted in slices (good slices, slices with data): already aggregated, never scaled.
                    var (goodSlices, slices) = TimeSliceQuery.ForWindow(slo, window);
                    _wanted.Add((slo, window, AddWindowed(goodSlices, "good"), null, AddWindowed(slices, "total"), 1));
                    continue;
                }

                _wanted.Add((slo, window, Add(slo.Indicator.Good, "good"), Add(slo.Indicator.Bad, "bad"), Add(slo.Indicator.Total, "total")!.Value,
                    scaleBySeconds ? window.TotalSeconds : 1));
            }
        }

        var folded = fold ? Fold() : new HashSet<int>();
        for (var e = 0; e < _expressions.Count; e++)
        {
            if (folded.Contains(e))
                continue;
            _byTag[tags[e]] = e;
            _terms.Add(Tag($"sum({_expressions[e]})", (SloLabel, tags[e].Slo), (KindLabel, tags[e].Kind), (WindowLabel, tags[e].Window)));
        }

        _terms.AddRange(extraTerms);
    }

    private static IEnumerable<(SloDefinition, IReadOnlyList<TimeSpan>)> WithWindows(IEnumerable<SloDefinition> slos, IReadOnlyList<TimeSpan> windows) =>
        slos.Select(s => (s, windows));

    /// <summary>Terms in the query: folded groups count once; extra terms included.</summary>
    public int TermCount => _terms.Count;

    /// <summary>The PromQL texts to send: one, unless it would be longer than <paramref name="maxLength"/>.</summary>
    public IReadOnlyList<string> Queries(int maxLength)
    {
        if (Volatile.Read(ref _queries) is { } known && known.MaxLength == maxLength)
            return known.Texts;
        var texts = Split(maxLength);
        Volatile.Write(ref _queries, new QueryTexts(maxLength, texts)); // a batch is immutable: reused batches send the same texts
        return texts;
    }

    private sealed record QueryTexts(int MaxLength, IReadOnlyList<string> Texts);

    private QueryTexts? _queries;

    private IReadOnlyList<string> Split(int maxLength)
    {
        var chunks = new List<List<string>>();
        var length = 0;
        foreach (var term in _terms)
        {
            if (chunks.Count == 0 || (length + term.Length + 8 > maxLength && chunks[^1].Count > 0))
            {
                chunks.Add([]);
                length = 0;
            }

            chunks[^1].Add(term);
            length += term.Length + 8;
        }

        return chunks.Select(c => Join(c, 0, c.Count)).ToArray();
    }

    /// <summary>
    /// Puts the answer into <paramref name="into"/>: every SLO and window gets counts (zero when Prometheus had none).
    /// Values are passed on as answered (NaN, ±Inf, negative, good &gt; total included) for the caller to reject.
    /// </summary>
    /// <param name="answered">When given, receives the SLOs whose total Prometheus answered (the others had no samples).</param>
    public void Apply(IEnumerable<PromSample> samples, SliCounts into, ISet<SloId>? answered = null)
    {
        var values = new double[_expressions.Count];
        var seen = new bool[_expressions.Count];
        foreach (var sample in samples)
        {
            if (sample.Labels.TryGetValue(GroupLabel, out var group))
            {
                var (label, byValue) = _groups[int.Parse(group, System.Globalization.CultureInfo.InvariantCulture)];
                if (sample.Labels.TryGetValue(label, out var value) && byValue.TryGetValue(value, out var e))
                    (values[e], seen[e]) = (sample.Value, true);
            }
            else if (sample.Labels.TryGetValue(SloLabel, out var slo) && sample.Labels.TryGetValue(KindLabel, out var kind) &&
                     sample.Labels.TryGetValue(WindowLabel, out var window) && _byTag.TryGetValue((slo, kind, window), out var index))
            {
                (values[index], seen[index]) = (sample.Value, true);
            }
        }

        foreach (var (slo, window, good, bad, total, scale) in _wanted)
        {
            var t = values[total] * scale;
            var g = good is { } gi ? values[gi] * scale : t - (bad is { } bi ? values[bi] * scale : 0);
            into.Set(slo.Id, window, new EventCounts(g > t && g <= t * (1 + 1e-9) ? t : g, t));
            if (seen[total])
                answered?.Add(slo.Id);
        }
    }

    /// <summary>Folds expressions of one shape into <c>sum by (label)</c> terms; returns the expressions folded.</summary>
    private HashSet<int> Fold()
    {
        var folded = new HashSet<int>();
        var shapes = _expressions.Select(SelectorGrouping.Analyze).ToArray();
        var groups = Enumerable.Range(0, shapes.Length)
            .Where(e => shapes[e] is not null)
            .GroupBy(e => shapes[e]!.Key, StringComparer.Ordinal)
            .Where(g => g.Count() > 1);
        foreach (var group in groups)
        {
            var members = group.ToArray();
            var memberShapes = members.Select(e => shapes[e]!).ToArray();
            if (SelectorGrouping.VaryingLabel(memberShapes) is not { } label)
                continue;
            var byValue = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var m = 0; m < members.Length; m++)
                byValue[memberShapes[m].Matchers.First(x => x.Label == label).Value] = members[m];
            _groups.Add((label, byValue));
            _terms.Add(Tag(SelectorGrouping.Fold(memberShapes, label), (GroupLabel, (_groups.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture))));
            folded.UnionWith(members);
        }

        return folded;
    }

    internal static string Tag(string expression, params (string Label, string Value)[] tags)
    {
        var sb = new StringBuilder(expression.Length + (tags.Length * 48));
        sb.Insert(0, "label_replace(", tags.Length).Append(expression);
        foreach (var (label, value) in tags)
            sb.Append(", \"").Append(label).Append("\", \"").Append(Escape(value)).Append("\", \"\", \"\")");
        return sb.ToString();
    }

    /// <summary>A balanced <c>or</c> tree: a left-deep chain of N terms costs Prometheus O(N²).</summary>
    private static string Join(List<string> terms, int from, int to) => to - from == 1
        ? terms[from]
        : $"({Join(terms, from, from + ((to - from) / 2))} or {Join(terms, from + ((to - from) / 2), to)})";

    internal static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
