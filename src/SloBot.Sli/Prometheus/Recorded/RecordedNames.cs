using SloBot.Core.Budgets;
using SloBot.Core.Catalog;
using SloBot.Core.Design;

namespace SloBot.Sli.Prometheus.Recorded;

/// <summary>The recorded series' names and selectors (Sloth's shape, which <c>slobot rules</c> writes too).</summary>
internal static class RecordedNames
{
    public const string RatioPrefix = "slo:sli_error:ratio_rate";

    /// <summary>The label SloBot's recorded terms carry: the series name, <c>bad</c>/<c>total</c>, or <c>covers</c>.</summary>
    public const string RecordLabel = "slobot_record";

    public static string Id(SloDefinition slo) => CatalogRules.SlothId(slo);

    /// <summary>A <c>sloth_id=~"…"</c> matcher for the SLOs (their ids as RE2 literals, in a PromQL string).</summary>
    public static string IdMatcher(IEnumerable<SloDefinition> slos) =>
        $"sloth_id=~\"{CountBatch.Escape(string.Join('|', slos.Select(Id).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(RegexLiteral)))}\"";

    /// <summary>A window from a ratio record's name, or null when its suffix is not a window SloBot reads.</summary>
    public static TimeSpan? RatioWindow(string name) =>
        name.StartsWith(RatioPrefix, StringComparison.Ordinal) && SloWindow.TryParse(name[RatioPrefix.Length..], out var window) ? window : null;

    private static string RegexLiteral(string text)
    {
        var sb = new System.Text.StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if ("\\.+*?()|[]{}^$".Contains(c, StringComparison.Ordinal))
                sb.Append('\\');
            sb.Append(c);
        }

        return sb.ToString();
    }
}
