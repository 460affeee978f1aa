using System.Text;
using System.Text.RegularExpressions;
using SloBot.Core.Budgets;
using SloBot.Core.Catalog;

namespace SloBot.Sli.Prometheus.PromQl;

/// <summary>
/// Turns an SLI expression into PromQL that counts events over one window (docs/prometheus.md):
/// <c>{{.window}}</c> templates are substituted; counter expressions get every vector selector rewritten as
/// <c>increase(selector[window])</c>, keeping <c>offset</c>/<c>@</c> modifiers on the selector.
/// </summary>
internal static partial class CounterWindowing
{
    private static readonly HashSet<string> LabelListKeywords = new(StringComparer.OrdinalIgnoreCase)
        { "by", "without", "on", "ignoring", "group_left", "group_right" };

    private static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase)
        { "and", "or", "unless", "bool", "offset", "atan2", "inf", "nan", "by", "without", "on", "ignoring", "group_left", "group_right" };

    public static string ForWindow(string expression, SliQueryKind kind, TimeSpan window) => kind switch
    {
        SliQueryKind.WindowTemplate => WindowPlaceholder().Replace(expression, SloWindow.Format(window)),
        SliQueryKind.Gauge => WrapSelectors(expression, SloWindow.Format(window), "avg_over_time"),
        _ => WrapSelectors(expression, SloWindow.Format(window)),
    };

    /// <summary>
    /// True when a template counts per second (<c>rate</c>/<c>irate</c>, Sloth's usual form) rather than events
    /// (<c>increase</c>, <c>*_over_time</c>): such counts are multiplied by the window's seconds to become events.
    /// </summary>
    public static bool IsPerSecond(SliQuery query)
    {
        if (query.Kind != SliQueryKind.WindowTemplate)
            return false;
        var functions = new[] { query.Good, query.Bad, query.Total }
            .OfType<string>()
            .SelectMany(q => FunctionNames(WindowPlaceholder().Replace(q, "1m")))
            .ToHashSet(StringComparer.Ordinal);
        var rate = functions.Contains("rate") || functions.Contains("irate");
        var counts = functions.Contains("increase") || functions.Any(f => f.EndsWith("_over_time", StringComparison.Ordinal));
        return rate && !counts;
    }

    public static string WrapSelectors(string expression, string range, string function = "increase")
    {
        var tokens = PromQlLexer.Tokenize(expression);
        var sb = new StringBuilder(expression.Length + 32);
        var i = 0;
        while (i < tokens.Count)
        {
            var t = tokens[i];
            var next = NextSignificant(tokens, i + 1);
            if (t.Kind == PromQlTokenKind.Identifier && LabelListKeywords.Contains(t.Text) && next < tokens.Count && tokens[next].Is("("))
            {
                var close = Matching(tokens, next, "(", ")");
                Append(sb, tokens, i, close + 1);
                i = close + 1;
            }
            else if (t.Kind == PromQlTokenKind.Identifier && !Keywords.Contains(t.Text) && !IsCallOrAggregation(tokens, next))
            {
                i = Selector(sb, tokens, i, range, function);
            }
            else if (t.Is("{"))
            {
                i = Selector(sb, tokens, i, range, function);
            }
            else
            {
                sb.Append(t.Text);
                i++;
            }
        }

        return sb.ToString();
    }

    /// <summary>Writes the selector starting at <paramref name="start"/> (wrapped unless it already has a range) and returns the index after it.</summary>
    private static int Selector(StringBuilder sb, List<PromQlToken> tokens, int start, string range, string function)
    {
        var end = start + 1;
        if (tokens[start].Kind == PromQlTokenKind.Identifier)
        {
            var brace = NextSignificant(tokens, end);
            if (brace < tokens.Count && tokens[brace].Is("{"))
                end = Matching(tokens, brace, "{", "}") + 1;
        }
        else
        {
            end = Matching(tokens, start, "{", "}") + 1;
        }

        var after = NextSignificant(tokens, end);
        if (after < tokens.Count && tokens[after].Is("["))
        {
            // Already a range or subquery: the author windowed it; leave it alone.
            Append(sb, tokens, start, end);
            return end;
        }

        var modifiersEnd = Modifiers(tokens, end);
        sb.Append(function).Append('(');
        Append(sb, tokens, start, end);
        sb.Append('[').Append(range).Append(']');
        Append(sb, tokens, end, modifiersEnd);
        sb.Append(')');
        return modifiersEnd;
    }

    /// <summary>The end of any <c>offset [-]duration</c> and <c>@ time</c> modifiers following a selector.</summary>
    private static int Modifiers(List<PromQlToken> tokens, int index)
    {
        var end = index;
        while (true)
        {
            var i = NextSignificant(tokens, end);
            if (i >= tokens.Count)
                return end;
            if (tokens[i].Kind == PromQlTokenKind.Identifier && tokens[i].Text.Equals("offset", StringComparison.OrdinalIgnoreCase))
            {
                var j = NextSignificant(tokens, i + 1);
                if (j < tokens.Count && tokens[j].Is("-"))
                    j = NextSignificant(tokens, j + 1);
                end = Math.Min(j + 1, tokens.Count);
            }
            else if (tokens[i].Is("@"))
            {
                var j = NextSignificant(tokens, i + 1);
                if (j < tokens.Count && tokens[j].Is("-"))
                    j = NextSignificant(tokens, j + 1);
                if (j < tokens.Count && tokens[j].Kind == PromQlTokenKind.Identifier)
                {
                    var paren = NextSignificant(tokens, j + 1);
                    j = paren < tokens.Count && tokens[paren].Is("(") ? Matching(tokens, paren, "(", ")") : j;
                }

                end = Math.Min(j + 1, tokens.Count);
            }
            else
            {
                return end;
            }
        }
    }

    /// <summary>"rate(", "sum by (…)", "sum without (…)": the identifier names a function, not a metric.</summary>
    private static bool IsCallOrAggregation(List<PromQlToken> tokens, int next) =>
        next < tokens.Count && (tokens[next].Is("(") ||
            (tokens[next].Kind == PromQlTokenKind.Identifier && tokens[next].Text is "by" or "without" or "BY" or "WITHOUT"));

    private static IEnumerable<string> FunctionNames(string expression)
    {
        var tokens = PromQlLexer.Tokenize(expression);
        for (var i = 0; i < tokens.Count; i++)
        {
            var next = NextSignificant(tokens, i + 1);
            if (tokens[i].Kind == PromQlTokenKind.Identifier && next < tokens.Count && tokens[next].Is("("))
                yield return tokens[i].Text;
        }
    }

    private static int NextSignificant(List<PromQlToken> tokens, int index)
    {
        while (index < tokens.Count && !tokens[index].IsSignificant)
            index++;
        return index;
    }

    /// <summary>The index of the bracket closing the one at <paramref name="open"/> (the last token when unbalanced).</summary>
    private static int Matching(List<PromQlToken> tokens, int open, string opening, string closing)
    {
        var depth = 0;
        for (var i = open; i < tokens.Count; i++)
        {
            if (tokens[i].Is(opening))
                depth++;
            else if (tokens[i].Is(closing) && --depth == 0)
                return i;
        }

        return tokens.Count - 1;
    }

    private static void Append(StringBuilder sb, List<PromQlToken> tokens, int from, int to)
    {
        for (var i = from; i < to; i++)
            sb.Append(tokens[i].Text);
    }

    [GeneratedRegex(@"\{\{\s*\.window\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex WindowPlaceholder();
}
