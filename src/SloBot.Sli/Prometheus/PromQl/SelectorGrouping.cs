using System.Text;

namespace SloBot.Sli.Prometheus.PromQl;

/// <summary>An expression with the values of its <c>label="value"</c> matchers taken out: expressions of one shape differ only there.</summary>
internal sealed record ExpressionShape(string Key, IReadOnlyList<PromQlToken> Tokens, IReadOnlyList<(int Token, string Label, string Value)> Matchers);

/// <summary>
/// Folds expressions that differ only in the value of one label (<c>service="a"</c>, <c>service="b"</c>, …) into one:
/// <c>sum by (service) (…{service=~"a|b|…"}…)</c>, one series per value (docs/prometheus.md, "Batching").
/// Only simple shapes qualify: aggregations limited to sum/min/max/avg/count without their own grouping, no
/// vector matching modifiers, no label-rewriting or label-dropping functions, and plain values.
/// </summary>
internal static class SelectorGrouping
{
    private static readonly HashSet<string> Aggregations = new(StringComparer.Ordinal) { "sum", "min", "max", "avg", "count" };

    private static readonly HashSet<string> Disqualifying = new(StringComparer.OrdinalIgnoreCase)
    {
        "by", "without", "on", "ignoring", "group_left", "group_right", "label_replace", "label_join", "vector", "scalar",
        "absent", "absent_over_time", "time", "topk", "bottomk", "quantile", "count_values", "stddev", "stdvar", "group",
        "sort", "sort_desc", "histogram_quantile", "timestamp",
    };

    public static ExpressionShape? Analyze(string expression)
    {
        var tokens = PromQlLexer.Tokenize(expression);
        var matchers = new List<(int, string, string)>();
        var key = new StringBuilder(expression.Length);
        var depth = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.Kind == PromQlTokenKind.Identifier && depth == 0 && Disqualifying.Contains(t.Text))
                return null;
            if (t.Is("{"))
                depth++;
            else if (t.Is("}"))
                depth--;
            if (depth > 0 && t.Kind == PromQlTokenKind.Identifier && i + 2 < tokens.Count && tokens[i + 1].Is("=") && tokens[i + 2].Kind == PromQlTokenKind.String)
            {
                var value = tokens[i + 2].Text[1..^1];
                if (value.Length == 0 || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or ':' or '/' or '.'))
                    return null;
                matchers.Add((i + 2, t.Text, value));
                key.Append(t.Text).Append("=\0");
                i += 2;
                continue;
            }

            if (t.Kind != PromQlTokenKind.Space)
                key.Append(t.Text).Append(' ');
        }

        return new ExpressionShape(key.ToString(), tokens, matchers);
    }

    /// <summary>
    /// The label that tells the members apart, or null when they cannot be folded: exactly the matchers on one label
    /// vary, each member uses one value for it, and the label appears nowhere else in the expression.
    /// </summary>
    public static string? VaryingLabel(IReadOnlyList<ExpressionShape> members)
    {
        var first = members[0];
        var varying = Enumerable.Range(0, first.Matchers.Count)
            .Where(p => members.Any(m => m.Matchers[p].Value != first.Matchers[p].Value))
            .ToArray();
        if (varying.Length == 0)
            return null;
        var label = first.Matchers[varying[0]].Label;
        if (varying.Any(p => first.Matchers[p].Label != label))
            return null;
        if (members.Any(m => varying.Select(p => m.Matchers[p].Value).Distinct().Count() != 1))
            return null;
        var uses = first.Tokens.Count(t => t.Kind == PromQlTokenKind.Identifier && t.Text == label);
        if (uses != varying.Length)
            return null;
        return members.Select(m => m.Matchers[varying[0]].Value).Distinct().Count() == members.Count ? label : null;
    }

    /// <summary>The folded expression, wrapped as <c>sum by (label) (…)</c>: one series per member, labelled with its value.</summary>
    public static string Fold(IReadOnlyList<ExpressionShape> members, string label)
    {
        var first = members[0];
        var values = string.Join('|', members.Select(m => m.Matchers.First(x => x.Label == label).Value.Replace(".", "\\\\.", StringComparison.Ordinal)));
        var varying = first.Matchers.Where(m => m.Label == label).Select(m => m.Token).ToHashSet();
        var sb = new StringBuilder();
        sb.Append("sum by (").Append(label).Append(") (");
        for (var i = 0; i < first.Tokens.Count; i++)
        {
            var t = first.Tokens[i];
            if (varying.Contains(i + 2) && t.Kind == PromQlTokenKind.Identifier)
            {
                sb.Append(label).Append("=~\"").Append(values).Append('"');
                i += 2;
                continue;
            }

            sb.Append(t.Text);
            if (t.Kind == PromQlTokenKind.Identifier && Aggregations.Contains(t.Text) && Next(first.Tokens, i + 1) is { } n && first.Tokens[n].Is("("))
                sb.Append(" by (").Append(label).Append(") ");
        }

        return sb.Append(')').ToString();
    }

    private static int? Next(IReadOnlyList<PromQlToken> tokens, int i)
    {
        while (i < tokens.Count && !tokens[i].IsSignificant)
            i++;
        return i < tokens.Count ? i : null;
    }
}
