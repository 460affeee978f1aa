using System.Text.RegularExpressions;
using SloBot.Core.Catalog.Yaml;
using YamlDotNet.RepresentationModel;

namespace SloBot.Core.Catalog.OpenSlo;

/// <summary>Reads an OpenSLO v1 SLI spec (<c>ratioMetric</c> good/total or bad/total) into an <see cref="SliQuery"/>.</summary>
internal static partial class OpenSloIndicator
{
    /// <summary>The query, or null when the spec is not usable (the problem is recorded).</summary>
    public static SliQuery? Parse(YamlReader r, YamlNode spec, string fieldPrefix)
    {
        if (YamlReader.Child(spec, "thresholdMetric") is { } threshold)
        {
            r.Problem(threshold, $"{fieldPrefix}.thresholdMetric", "threshold metrics are not supported yet; use a ratioMetric with good/total or bad/total");
            return null;
        }

        if (YamlReader.Child(spec, "ratioMetric") is not { } ratio)
        {
            r.Problem(spec, $"{fieldPrefix}.ratioMetric", "is missing; expected a ratioMetric with good/total or bad/total");
            return null;
        }

        var field = $"{fieldPrefix}.ratioMetric";
        if (YamlReader.Child(ratio, "raw") is { } raw)
        {
            r.Problem(raw, $"{field}.raw", "raw ratio metrics are not supported; give good (or bad) and total event queries");
            return null;
        }

        var goodNode = YamlReader.Child(ratio, "good");
        var badNode = YamlReader.Child(ratio, "bad");
        var totalNode = YamlReader.Child(ratio, "total");
        if (goodNode is not null && badNode is not null)
        {
            r.Problem(badNode, $"{field}.bad", "give either good or bad, not both");
            return null;
        }

        if (goodNode is null && badNode is null)
        {
            r.Problem(ratio, $"{field}.good", "is missing; expected good (or bad) and total");
            return null;
        }

        if (totalNode is null)
        {
            r.Problem(ratio, $"{field}.total", "is missing; expected good (or bad) and total");
            return null;
        }

        var good = goodNode is null ? null : Query(r, goodNode, $"{field}.good");
        var bad = badNode is null ? null : Query(r, badNode, $"{field}.bad");
        var total = Query(r, totalNode, $"{field}.total");
        if ((good ?? bad) is null || total is null)
            return null;

        var templated = new[] { good, bad, total }.Any(q => q is not null && WindowPlaceholder().IsMatch(q));
        var counter = r.Bool(YamlReader.Child(ratio, "counter"), $"{field}.counter");
        if (!templated && counter == false)
        {
            r.Problem(YamlReader.Child(ratio, "counter"), $"{field}.counter",
                "counter: false needs queries with {{.window}} (SloBot cannot window a gauge); set counter: true for counter metrics");
            return null;
        }

        return new SliQuery(templated ? SliQueryKind.WindowTemplate : SliQueryKind.Counter, good, bad, total);
    }

    private static string? Query(YamlReader r, YamlNode node, string field)
    {
        var source = YamlReader.Child(node, "metricSource");
        if (source is null)
        {
            r.Problem(node, $"{field}.metricSource", "is missing; expected metricSource.spec.query with PromQL");
            return null;
        }

        if (YamlReader.String(source, "type") is { } type && !type.Equals("prometheus", StringComparison.OrdinalIgnoreCase))
        {
            r.Problem(YamlReader.Child(source, "type"), $"{field}.metricSource.type", $"'{type}' is not supported; SloBot reads Prometheus metric sources");
            return null;
        }

        var spec = YamlReader.Child(source, "spec");
        if (YamlReader.String(spec, "queryType") is { } queryType && !queryType.Equals("promql", StringComparison.OrdinalIgnoreCase))
        {
            r.Problem(YamlReader.Child(spec, "queryType"), $"{field}.metricSource.spec.queryType", $"'{queryType}' is not supported; expected promql");
            return null;
        }

        var query = YamlReader.String(spec, "query") ?? YamlReader.String(spec, "promql");
        if (query is null)
            r.Problem(spec ?? source, $"{field}.metricSource.spec.query", "is missing; expected a PromQL query");
        return query?.Trim();
    }

    [GeneratedRegex(@"\{\{\s*\.window\s*\}\}", RegexOptions.CultureInvariant)]
    internal static partial Regex WindowPlaceholder();
}
