using SloBot.Core.Catalog.Yaml;
using YamlDotNet.RepresentationModel;

namespace SloBot.Core.Catalog.OpenSlo;

/// <summary>
/// <c>apiVersion: openslo/v1alpha</c> (the version Sloth reads): kinds SLO and Service. SLO queries sit in each
/// objective's <c>ratioMetrics</c> (good or bad, and total: <c>source</c>, <c>queryType</c>, <c>query</c>) or in
/// <c>spec.indicator.thresholdMetric</c>; windows are <c>timeWindows: [{count, unit, isRolling, calendar}]</c>.
/// </summary>
internal static class OpenSloV1Alpha
{
    private static readonly string[] TopKeys = ["apiVersion", "kind", "metadata", "spec"];
    private static readonly string[] MetadataKeys = ["name", "displayName", "labels", "annotations", "namespace", "project"];
    private static readonly string[] SloKeys = ["description", "service", "indicator", "timeWindows", "timeWindow", "budgetingMethod", "objectives", "alertPolicies"];
    private static readonly string[] IndicatorKeys = ["thresholdMetric"];
    private static readonly string[] RatioKeys = ["counter", "incremental", "good", "bad", "total"];
    private static readonly string[] MetricKeys = ["source", "queryType", "query", "metadata"];

    public static void Read(YamlReader r, YamlNode root, CatalogAccumulator into)
    {
        r.Known(root, "", TopKeys);
        r.Known(YamlReader.Child(root, "metadata"), "metadata", MetadataKeys);
        var kind = r.Required(root, "kind", "kind");
        var name = r.Required(root, "metadata.name", "metadata", "name");
        if (kind is null || name is null)
            return;
        var spec = YamlReader.Child(root, "spec");
        switch (kind)
        {
            case "Service":
                r.Known(spec, "spec", "description");
                into.AddService(r, root, name, OpenSloDocuments.Metadata(root, YamlReader.String(spec, "description")));
                break;
            case "SLO" when spec is YamlMappingNode:
                if (Slo(r, root, name, spec, into.DefaultWindow) is { } slo)
                    into.AddOpenSloSlo(slo, OpenSloDocuments.Metadata(root, null));
                break;
            case "SLO":
                r.Problem(root, "spec", $"SLO '{name}' has no spec");
                break;
            default:
                r.Problem(YamlReader.Child(root, "kind"), "kind", $"'{kind}' is not an OpenSLO v1alpha kind SloBot reads", "expected SLO or Service");
                break;
        }
    }

    private static OpenSloSlo? Slo(YamlReader r, YamlNode root, string name, YamlNode spec, TimeSpan defaultWindow)
    {
        r.Known(spec, "spec", SloKeys);
        var service = r.Required(spec, "spec.service", "service");
        var window = OpenSloWindow.Read(r, spec, defaultWindow, alpha: true);
        var budgeting = OpenSloDocuments.Budgeting(r, spec);
        if (YamlReader.Child(spec, "alertPolicies") is YamlSequenceNode { Children.Count: > 0 } policies)
            r.Note(policies, "spec.alertPolicies", "are ignored", "SloBot's burn-rate alerts are its own");

        ParsedIndicator? threshold = null;
        var indicatorNode = YamlReader.Child(spec, "indicator");
        if (indicatorNode is not null)
        {
            r.Known(indicatorNode, "spec.indicator", IndicatorKeys);
            var metric = YamlReader.Child(indicatorNode, "thresholdMetric");
            if (metric is null)
            {
                r.Problem(indicatorNode, "spec.indicator.thresholdMetric", "is missing", "v1alpha indicators hold a thresholdMetric; ratios go in objectives[].ratioMetrics");
                return null;
            }

            var query = Query(r, metric, "spec.indicator.thresholdMetric");
            threshold = query is null ? null : OpenSloIndicator.Threshold(r, metric, "spec.indicator.thresholdMetric", query);
            if (threshold is null)
                return null;
        }

        if (budgeting is null)
            return null;
        var objectives = OpenSloObjectives.Read(r, spec, budgeting, alpha: true, (o, field) => Ratio(r, o, field, threshold));
        if (service is null || window is null || objectives is null)
            return null;
        return new OpenSloSlo(name, service, threshold, null, r.LineOf(indicatorNode ?? root), window, budgeting, objectives,
            YamlReader.String(spec, "description"), r.File, r.LineOf(root));
    }

    /// <summary>An objective's <c>ratioMetrics</c>; with a thresholdMetric SLO the objective has none.</summary>
    private static ParsedIndicator? Ratio(YamlReader r, YamlNode objective, string field, ParsedIndicator? threshold)
    {
        var ratio = YamlReader.Child(objective, "ratioMetrics");
        if (ratio is null)
        {
            if (threshold is null)
                r.Problem(objective, $"{field}.ratioMetrics", "is missing", "each v1alpha objective gives ratioMetrics (good or bad, and total), or the SLO an indicator.thresholdMetric");
            return threshold;
        }

        if (threshold is not null)
        {
            r.Problem(ratio, $"{field}.ratioMetrics", "is given but the SLO has a thresholdMetric", "use one of them");
            return null;
        }

        field += ".ratioMetrics";
        r.Known(ratio, field, RatioKeys);
        var goodNode = YamlReader.Child(ratio, "good");
        var badNode = YamlReader.Child(ratio, "bad");
        var totalNode = YamlReader.Child(ratio, "total");
        if ((goodNode is null) == (badNode is null) || totalNode is null)
        {
            r.Problem(ratio, field, goodNode is not null && badNode is not null ? "has both good and bad" : "needs good (or bad) and total",
                "e.g. good: {source: prometheus, queryType: promql, query: …} and total: {…}");
            return null;
        }

        var good = goodNode is null ? null : Query(r, goodNode, $"{field}.good");
        var bad = badNode is null ? null : Query(r, badNode, $"{field}.bad");
        var total = Query(r, totalNode, $"{field}.total");
        if ((good ?? bad) is null || total is null)
            return null;
        var counterNode = YamlReader.Child(ratio, "counter") ?? YamlReader.Child(ratio, "incremental");
        var counterField = YamlReader.Child(ratio, "counter") is null ? "incremental" : "counter";
        return OpenSloIndicator.Events(r, counterNode, $"{field}.{counterField}", good, bad, total, r.Bool(counterNode, $"{field}.{counterField}"));
    }

    /// <summary>A v1alpha metric: <c>source</c> (Prometheus), <c>queryType</c> (promql), <c>query</c>.</summary>
    private static string? Query(YamlReader r, YamlNode metric, string field)
    {
        r.Known(metric, field, MetricKeys);
        if (YamlReader.String(metric, "source") is { } source && !source.Equals("prometheus", StringComparison.OrdinalIgnoreCase))
        {
            r.Problem(YamlReader.Child(metric, "source"), $"{field}.source", $"'{source}' is not supported; SloBot reads Prometheus",
                "SloBot queries the Prometheus of SloBot:Sli:Prometheus:Url with PromQL");
            return null;
        }

        if (YamlReader.String(metric, "queryType") is { } type && !type.Equals("promql", StringComparison.OrdinalIgnoreCase))
        {
            r.Problem(YamlReader.Child(metric, "queryType"), $"{field}.queryType", $"'{type}' is not supported", "expected promql");
            return null;
        }

        var query = YamlReader.String(metric, "query");
        if (query is null)
        {
            r.Problem(metric, $"{field}.query", "is missing", "expected a PromQL query");
            return null;
        }

        return OpenSloIndicator.Checked(r, YamlReader.Child(metric, "query"), $"{field}.query", query);
    }
}
