using System.Text.RegularExpressions;
using SloBot.Core.Budgets;
using SloBot.Core.Catalog;

namespace SloBot.Core.Design;

/// <summary>The good, bad and total expressions of an SLI over one window, exactly as SloBot counts them.</summary>
public delegate (string? Good, string? Bad, string Total) SliWindowing(SliQuery query, TimeSpan window);

/// <summary>
/// PromQL for an SLI over a window. Counter queries (OpenSLO <c>counter: true</c>) get <c>rate(selector[window])</c>
/// around every series selector that has braces (or around the whole query when it is one bare metric name);
/// window templates get <c>{{.window}}</c> replaced, as Sloth does.
/// </summary>
public static partial class SliPromQl
{
    /// <summary>Bad events per second over the window.</summary>
    public static string BadRate(SliQuery query, TimeSpan window) => query.Bad is { } bad
        ? Rate(query, bad, window)
        : $"({Rate(query, query.Total, window)} - {Rate(query, query.Good!, window)})";

    public static string TotalRate(SliQuery query, TimeSpan window) => Rate(query, query.Total, window);

    /// <summary>The error ratio (bad ÷ total) over the window, what Sloth records as <c>slo:sli_error:ratio_rate&lt;window&gt;</c>.</summary>
    public static string ErrorRatio(SliQuery query, TimeSpan window) => query.Bad is { } bad
        ? $"(\n  {Rate(query, bad, window)}\n)\n/\n(\n  {Rate(query, query.Total, window)}\n)"
        : $"1 - (\n  (\n    {Rate(query, query.Good!, window)}\n  )\n  /\n  (\n    {Rate(query, query.Total, window)}\n  )\n)";

    private static string Rate(SliQuery query, string expression, TimeSpan window)
    {
        var w = SloWindow.Format(window);
        if (query.Kind == SliQueryKind.WindowTemplate)
            return $"({WindowPlaceholder().Replace(expression.Trim(), w)})";
        var e = expression.Trim();
        // A gauge (a precomputed ratio, OpenSLO ratioMetric.raw) is averaged over the window; counters are rated.
        var function = query.Kind == SliQueryKind.Gauge ? "avg_over_time" : "rate";
        if (BareMetric().IsMatch(e))
            return $"sum({function}({e}[{w}]))";
        return $"sum({BracedSelector().Replace(e, m => $"{function}({m.Value}[{w}])")})";
    }

    [GeneratedRegex(@"\{\{\s*\.window\s*\}\}")]
    private static partial Regex WindowPlaceholder();

    [GeneratedRegex(@"^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex BareMetric();

    [GeneratedRegex(@"[a-zA-Z_:][a-zA-Z0-9_:]*\{[^}]*\}")]
    private static partial Regex BracedSelector();
}
