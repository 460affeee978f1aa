using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SloBot.Core.Catalog;

/// <summary>What the catalog needs to know of a PromQL text before any Prometheus sees it.</summary>
internal static partial class PromQlText
{
    /// <summary>Functions that only VictoriaMetrics (MetricsQL) has; Prometheus rejects a query using them.</summary>
    private static readonly HashSet<string> VictoriaMetricsOnly = new(StringComparer.Ordinal)
    {
        "histogram_share", "share_le_over_time", "share_gt_over_time", "share_eq_over_time", "count_le_over_time",
        "count_gt_over_time", "count_eq_over_time", "count_ne_over_time", "rollup", "rollup_rate", "rollup_increase",
        "rollup_delta", "rollup_deriv", "rollup_candlestick", "range_first", "range_last", "range_avg", "range_sum",
        "sum2_over_time", "geomean_over_time", "median_over_time", "ascent_over_time", "descent_over_time",
        "duration_over_time", "increases_over_time", "decreases_over_time", "integrate", "lifetime", "tmin_over_time",
        "tmax_over_time", "running_sum", "running_avg", "limit_offset", "label_set", "label_del", "label_keep",
        "label_copy", "label_move", "prometheus_buckets", "buckets_limit", "union", "keep_last_value",
        "interpolate", "remove_resets", "ru", "ttf", "zscore_over_time", "range_normalize", "increase_pure",
        "increase_prometheus", "rate_over_sum", "aggr_over_time", "hoeffding_bound_lower", "hoeffding_bound_upper",
    };

    /// <summary>
    /// The query without <c># comments</c> (outside string literals) and with surrounding blank space trimmed. A comment
    /// is harmless in a query of its own but ends a batched query early, so comments go at load.
    /// </summary>
    public static string StripComments(string query)
    {
        if (!query.Contains('#', StringComparison.Ordinal))
            return query.Trim();
        var sb = new StringBuilder(query.Length);
        char? quote = null;
        for (var i = 0; i < query.Length; i++)
        {
            var c = query[i];
            if (quote is { } q)
            {
                sb.Append(c);
                if (c == '\\' && q != '`' && i + 1 < query.Length)
                    sb.Append(query[++i]);
                else if (c == q)
                    quote = null;
            }
            else if (c is '"' or '\'' or '`')
            {
                quote = c;
                sb.Append(c);
            }
            else if (c == '#')
            {
                while (i + 1 < query.Length && query[i + 1] != '\n')
                    i++;
            }
            else
            {
                sb.Append(c);
            }
        }

        return string.Join('\n', sb.ToString().Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0)).Trim();
    }

    /// <summary>The first function only VictoriaMetrics has, or null.</summary>
    public static string? VictoriaMetricsFunction(string query) =>
        FunctionCall().Matches(query).Select(m => m.Groups[1].Value).FirstOrDefault(VictoriaMetricsOnly.Contains);

    /// <summary>
    /// The classic histogram a latency query is about: its <c>_bucket</c> selector without any <c>le</c> matcher. The
    /// query may be the bucket, count or sum series, the bare histogram name, or a <c>histogram_quantile</c> over buckets.
    /// Null when the query names no histogram, or several.
    /// </summary>
    public static string? HistogramBucket(string query)
    {
        var found = HistogramSeries().Matches(query)
            .Select(m => (Name: m.Groups[1].Value, Matchers: m.Groups[3].Success ? m.Groups[3].Value : ""))
            .Distinct()
            .ToArray();
        if (found.Length == 0 && BareSelector().Match(query.Trim()) is { Success: true } bare && !bare.Groups[1].Value.Contains(':', StringComparison.Ordinal))
            found = [(bare.Groups[1].Value, bare.Groups[2].Success ? bare.Groups[2].Value : "")];
        if (found.Length != 1)
            return null;
        var matchers = found[0].Matchers.Trim('{', '}').Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(m => !LeMatcher().IsMatch(m))
            .ToArray();
        return $"{found[0].Name}_bucket{{{string.Join(",", matchers)}}}";
    }

    /// <summary>
    /// A regex matching the <c>le</c> label of <paramref name="bound"/> however the exposition spelled it
    /// ("0.2", "0.20", ".2", "1", "1.0", "1e+00"); Prometheus 3 also normalises it to one form.
    /// </summary>
    public static string LeRegex(double bound)
    {
        var text = bound.ToString("0.###############", CultureInfo.InvariantCulture);
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var integer = dot < 0 ? text : text[..dot];
        var fraction = dot < 0 ? "" : text[(dot + 1)..];
        var intPart = integer == "0" ? "0*" : $"0*{integer}";
        var plain = fraction.Length == 0 ? $"{intPart}(\\.0*)?" : $"{intPart}\\.{fraction}0*";
        var exponent = bound.ToString("0.###############e+00", CultureInfo.InvariantCulture).Replace(".", "\\.", StringComparison.Ordinal).Replace("+", "\\+", StringComparison.Ordinal);
        return $"{plain}|{exponent}";
    }

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)\s*\(", RegexOptions.CultureInvariant)]
    private static partial Regex FunctionCall();

    [GeneratedRegex(@"([a-zA-Z_:][a-zA-Z0-9_:]*?)_(bucket|count|sum)\b\s*(\{[^{}]*\})?", RegexOptions.CultureInvariant)]
    private static partial Regex HistogramSeries();

    [GeneratedRegex(@"^([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(\{[^{}]*\})?$", RegexOptions.CultureInvariant)]
    private static partial Regex BareSelector();

    [GeneratedRegex(@"^le\s*(=|!=|=~|!~)", RegexOptions.CultureInvariant)]
    private static partial Regex LeMatcher();
}
