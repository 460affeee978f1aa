using System.Text.RegularExpressions;
using SloBot.Core.Catalog.Yaml;
using YamlDotNet.RepresentationModel;

namespace SloBot.Core.Catalog.OpenSlo;

/// <summary>
/// An SLI as read: a ratio query, or the classic histogram of a <c>thresholdMetric</c>, whose query depends on each
/// objective's <c>op</c> and <c>value</c> (so several thresholds are several SLOs).
/// </summary>
internal sealed record ParsedIndicator(SliQuery? Ratio, string? HistogramBucket)
{
    /// <summary>The query for one objective, or why there is none.</summary>
    public (SliQuery? Query, string? Field, string? Error, string? Hint) ForObjective(OpenSloObjective objective)
    {
        if (Ratio is not null)
            return (Ratio, null, null, null);
        if (objective.Value is not { } value)
            return (null, "value", "is missing; a thresholdMetric objective needs the threshold", "e.g. op: lte with value: 0.5 (in the histogram's unit, usually seconds)");
        var op = objective.Op ?? "lte";
        if (op is not ("lt" or "lte" or "gt" or "gte"))
            return (null, "op", $"'{op}' is not an operator", "one of lt, lte (good below the threshold), gt, gte");
        if (!double.IsFinite(value) || value <= 0)
            return (null, "value", $"{value} is not a histogram bucket boundary above zero", null);
        // The regex sits in a double-quoted PromQL string, where a backslash must itself be escaped ("\\." matches a dot).
        var good = $"{Bucket()}le=~\"{PromQlText.LeRegex(value).Replace("\\", "\\\\", StringComparison.Ordinal)}\"}}";
        var total = $"{Bucket()}le=\"+Inf\"}}";
        // Good below the threshold: the bucket at the threshold. Good above it: that bucket is the bad events.
        var below = op is "lt" or "lte";
        return (new SliQuery(SliQueryKind.Counter, below ? good : null, below ? null : good, total)
        {
            Latency = new LatencyThreshold(HistogramBucket!, value, op),
        }, null, null, null);

        string Bucket() => HistogramBucket!.EndsWith("{}", StringComparison.Ordinal) ? HistogramBucket[..^1] : HistogramBucket[..^1] + ",";
    }
}

/// <summary>Reads an OpenSLO v1 SLI spec: <c>ratioMetric</c> (good/total, bad/total or raw) or <c>thresholdMetric</c>.</summary>
internal static partial class OpenSloIndicator
{
    private static readonly string[] SpecKeys = ["description", "thresholdMetric", "ratioMetric"];
    private static readonly string[] RatioKeys = ["counter", "good", "bad", "total", "rawType", "raw"];
    private static readonly string[] MetricKeys = ["metricSource"];
    private static readonly string[] SourceKeys = ["metricSourceRef", "type", "spec"];

    /// <summary>The indicator, or null when the spec is not usable (the problem is recorded).</summary>
    public static ParsedIndicator? Parse(YamlReader r, YamlNode spec, string fieldPrefix)
    {
        r.Known(spec, fieldPrefix, SpecKeys);
        var threshold = YamlReader.Child(spec, "thresholdMetric");
        var ratio = YamlReader.Child(spec, "ratioMetric");
        if (threshold is not null && ratio is not null)
        {
            r.Problem(threshold, $"{fieldPrefix}.thresholdMetric", "and ratioMetric are both given", "an SLI has one of them");
            return null;
        }

        if (threshold is not null)
        {
            r.Known(threshold, $"{fieldPrefix}.thresholdMetric", MetricKeys);
            var query = Query(r, threshold, $"{fieldPrefix}.thresholdMetric");
            return query is null ? null : Threshold(r, threshold, $"{fieldPrefix}.thresholdMetric", query);
        }

        if (ratio is null)
        {
            r.Problem(spec, $"{fieldPrefix}.ratioMetric", "is missing", "give a ratioMetric (good or bad, and total; or raw) or a thresholdMetric");
            return null;
        }

        var field = $"{fieldPrefix}.ratioMetric";
        r.Known(ratio, field, RatioKeys);
        var rawNode = YamlReader.Child(ratio, "raw");
        var goodNode = YamlReader.Child(ratio, "good");
        var badNode = YamlReader.Child(ratio, "bad");
        var totalNode = YamlReader.Child(ratio, "total");
        if (rawNode is not null)
        {
            if ((goodNode ?? badNode ?? totalNode) is { } extra)
            {
                r.Problem(extra, field, "raw cannot be used together with good, bad or total", "give either raw (with rawType) or good/bad and total");
                return null;
            }

            var rawType = YamlReader.String(ratio, "rawType");
            if (rawType is not ("success" or "failure"))
            {
                r.Problem(YamlReader.Child(ratio, "rawType") ?? ratio, $"{field}.rawType", rawType is null ? "is missing" : $"'{rawType}' is not success or failure",
                    "rawType: success when raw is good ÷ total, failure when it is bad ÷ total");
                return null;
            }

            var raw = Query(r, rawNode, $"{field}.raw");
            return raw is null ? null : new ParsedIndicator(Raw(raw, rawType == "success"), null);
        }

        if (goodNode is not null && badNode is not null)
        {
            r.Problem(badNode, $"{field}.bad", "and good are both given", "give either good or bad, with total");
            return null;
        }

        if (goodNode is null && badNode is null)
        {
            r.Problem(ratio, $"{field}.good", "is missing", "give good (or bad) and total, or raw with rawType");
            return null;
        }

        if (totalNode is null)
        {
            r.Problem(ratio, $"{field}.total", "is missing", "give good (or bad) and total");
            return null;
        }

        var good = goodNode is null ? null : Query(r, goodNode, $"{field}.good");
        var bad = badNode is null ? null : Query(r, badNode, $"{field}.bad");
        var total = Query(r, totalNode, $"{field}.total");
        if ((good ?? bad) is null || total is null)
            return null;
        var counterNode = YamlReader.Child(ratio, "counter");
        return Events(r, counterNode, $"{field}.counter", good, bad, total, r.Bool(counterNode, $"{field}.counter"));
    }

    /// <summary>Good (or bad) and total queries as an SLI: window templates, or counters SloBot windows itself.</summary>
    public static ParsedIndicator? Events(YamlReader r, YamlNode? counterNode, string counterField, string? good, string? bad, string total, bool? counter)
    {
        var templated = new[] { good, bad, total }.Any(q => q is not null && WindowPlaceholder().IsMatch(q));
        if (!templated && counter == false)
        {
            r.Problem(counterNode, counterField, "is false but the queries have no {{.window}}",
                "SloBot cannot count events from a gauge; set counter: true for counter metrics, or write the queries with [{{.window}}]");
            return null;
        }

        return new ParsedIndicator(new SliQuery(templated ? SliQueryKind.WindowTemplate : SliQueryKind.Counter, good, bad, total), null);
    }

    /// <summary>
    /// A precomputed ratio: bad is the failure ratio, total is 1 wherever the ratio has data (never 1 when it has none).
    /// Without {{.window}} the ratio is a gauge, averaged over the window.
    /// </summary>
    public static SliQuery Raw(string ratio, bool success)
    {
        var kind = WindowPlaceholder().IsMatch(ratio) ? SliQueryKind.WindowTemplate : SliQueryKind.Gauge;
        var bad = success ? $"(1 - ({ratio}))" : $"({ratio})";
        return new SliQuery(kind, null, bad, $"(({ratio}) * 0 + 1)") { RatioOnly = true };
    }

    /// <summary>A thresholdMetric over a classic histogram; anything else is a problem naming what is expected.</summary>
    public static ParsedIndicator? Threshold(YamlReader r, YamlNode at, string field, string query)
    {
        if (PromQlText.HistogramBucket(query) is { } bucket)
            return new ParsedIndicator(null, bucket);
        r.Problem(at, field, $"the query '{Shorten(query)}' does not name one Prometheus classic histogram",
            "SloBot counts latency from a histogram's buckets: give its _bucket series (e.g. http_request_duration_seconds_bucket{job=\"api\"}) and the threshold as the objective's value");
        return null;
    }

    /// <summary>The PromQL of a v1 metric (<c>metricSource</c>), comments stripped; null with a problem when it is not Prometheus.</summary>
    public static string? Query(YamlReader r, YamlNode node, string field)
    {
        r.Known(node, field, MetricKeys);
        var source = YamlReader.Child(node, "metricSource");
        if (source is null)
        {
            r.Problem(node, $"{field}.metricSource", "is missing", "expected metricSource.spec.query with PromQL");
            return null;
        }

        r.Known(source, $"{field}.metricSource", SourceKeys);
        if (YamlReader.String(source, "type") is { } type && !type.Equals("prometheus", StringComparison.OrdinalIgnoreCase))
        {
            r.Problem(YamlReader.Child(source, "type"), $"{field}.metricSource.type", $"'{type}' is not supported; SloBot reads Prometheus metric sources",
                "SloBot queries the Prometheus of SloBot:Sli:Prometheus:Url with PromQL; other backends (Datadog, New Relic, …) are not read");
            return null;
        }

        var spec = YamlReader.Child(source, "spec");
        if (YamlReader.String(spec, "queryType") is { } queryType && !queryType.Equals("promql", StringComparison.OrdinalIgnoreCase))
        {
            r.Problem(YamlReader.Child(spec, "queryType"), $"{field}.metricSource.spec.queryType", $"'{queryType}' is not supported", "expected promql");
            return null;
        }

        var query = YamlReader.String(spec, "query") ?? YamlReader.String(spec, "promql");
        if (query is null)
        {
            r.Problem(spec ?? source, $"{field}.metricSource.spec.query", "is missing", "expected a PromQL query");
            return null;
        }

        return Checked(r, YamlReader.Child(spec, "query") ?? YamlReader.Child(spec, "promql"), $"{field}.metricSource.spec.query", query);
    }

    /// <summary>The query without comments, or null with a problem when it uses a function Prometheus does not have.</summary>
    public static string? Checked(YamlReader r, YamlNode? at, string field, string query)
    {
        var stripped = PromQlText.StripComments(query);
        if (stripped.Length == 0)
        {
            r.Problem(at, field, "is empty once comments are removed", "expected a PromQL query");
            return null;
        }

        if (PromQlText.VictoriaMetricsFunction(stripped) is { } vm)
        {
            r.Problem(at, field, $"uses '{vm}', a VictoriaMetrics (MetricsQL) function that Prometheus does not have",
                "SloBot queries Prometheus; write the query in PromQL (for a latency share, a classic histogram's _bucket series)");
            return null;
        }

        if (stripped.Length != query.Trim().Length && query.Contains('#', StringComparison.Ordinal))
            r.Note(at, field, "has a # comment; SloBot removes it before querying (a comment would cut a batched query short)");
        return stripped;
    }

    private static string Shorten(string query) => query.Length <= 80 ? query : query[..77] + "…";

    [GeneratedRegex(@"\{\{\s*\.window\s*\}\}", RegexOptions.CultureInvariant)]
    internal static partial Regex WindowPlaceholder();
}
