using SloBot.Core.Catalog.Yaml;
using YamlDotNet.RepresentationModel;

namespace SloBot.Core.Catalog.OpenSlo;

/// <summary>An OpenSLO SLO before its <c>indicatorRef</c> is resolved against the SLIs of every file.</summary>
internal sealed record OpenSloSlo(
    string Name,
    string Service,
    ParsedIndicator? Indicator,
    string? IndicatorRef,
    int IndicatorLine,
    SloWindowSpec Window,
    string Budgeting,
    IReadOnlyList<OpenSloObjective> Objectives,
    string? Description,
    string File,
    int Line);

/// <summary>Parses one <c>apiVersion: openslo/v1</c> document (kinds SLO, SLI, Service, DataSource; alerting kinds are noted).</summary>
internal static class OpenSloDocuments
{
    /// <summary>Kinds that are valid OpenSLO but carry nothing SloBot uses (alerting is SloBot's own).</summary>
    private static readonly string[] Ignored = ["AlertPolicy", "AlertCondition", "AlertNotificationTarget"];

    private static readonly string[] TopKeys = ["apiVersion", "kind", "metadata", "spec"];
    private static readonly string[] MetadataKeys = ["name", "displayName", "labels", "annotations", "namespace"];
    private static readonly string[] SloKeys = ["description", "service", "indicator", "indicatorRef", "timeWindow", "budgetingMethod", "objectives", "alertPolicies"];
    private static readonly string[] InlineIndicatorKeys = ["metadata", "spec"];
    private static readonly string[] ServiceKeys = ["description"];
    private static readonly string[] DataSourceKeys = ["description", "type", "connectionDetails"];

    public static void Read(YamlReader r, YamlNode root, CatalogAccumulator into)
    {
        r.Known(root, "", TopKeys);
        r.Known(YamlReader.Child(root, "metadata"), "metadata", MetadataKeys);
        var kind = r.Required(root, "kind", "kind");
        if (kind is null)
            return;
        var name = r.Required(root, "metadata.name", "metadata", "name");
        if (name is null)
            return;
        var spec = YamlReader.Child(root, "spec");
        if (spec is not YamlMappingNode && kind is "SLO" or "SLI")
        {
            r.Problem(root, "spec", $"{kind} '{name}' has no spec");
            return;
        }

        switch (kind)
        {
            case "Service":
                r.Known(spec, "spec", ServiceKeys);
                into.AddService(r, root, name, Metadata(root, YamlReader.String(spec, "description")));
                break;
            case "SLI":
                into.AddSli(r, root, name, OpenSloIndicator.Parse(r, spec!, "spec"));
                break;
            case "SLO":
                if (Slo(r, root, name, spec!, into.DefaultWindow) is { } slo)
                    into.AddOpenSloSlo(slo, Metadata(root, null));
                break;
            case "DataSource":
                r.Known(spec, "spec", DataSourceKeys);
                if (YamlReader.String(spec, "type") is { } type && !type.Equals("prometheus", StringComparison.OrdinalIgnoreCase))
                {
                    r.Problem(YamlReader.Child(spec, "type"), "spec.type", $"DataSource '{name}' is of type '{type}'; SloBot reads Prometheus only",
                        "SLOs whose metrics live in another backend cannot be counted by SloBot");
                }

                break;
            default:
                if (Ignored.Contains(kind, StringComparer.Ordinal))
                    r.Note(YamlReader.Child(root, "kind"), "kind", $"{kind} '{name}' is ignored", "SloBot's burn-rate alerts are its own (docs/alerts)");
                else
                    r.Problem(YamlReader.Child(root, "kind"), "kind", $"'{kind}' is not an OpenSLO v1 kind SloBot reads", "expected SLO, SLI, Service or DataSource");
                break;
        }
    }

    public static ServiceMetadata Metadata(YamlNode root, string? description) => ServiceMetadata.From(
        YamlReader.StringMap(YamlReader.Path(root, "metadata", "labels")),
        YamlReader.StringMap(YamlReader.Path(root, "metadata", "annotations")),
        description);

    /// <summary>Occurrences (default), Timeslices or RatioTimeslices; null with a problem otherwise.</summary>
    public static string? Budgeting(YamlReader r, YamlNode spec)
    {
        var budgeting = YamlReader.String(spec, "budgetingMethod") ?? "Occurrences";
        var known = new[] { "Occurrences", "Timeslices", "RatioTimeslices" };
        var match = known.FirstOrDefault(k => k.Equals(budgeting, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            r.Problem(YamlReader.Child(spec, "budgetingMethod"), "spec.budgetingMethod", $"'{budgeting}' is not a budgeting method", "one of Occurrences, Timeslices, RatioTimeslices");
            return null;
        }

        return match;
    }

    private static OpenSloSlo? Slo(YamlReader r, YamlNode root, string name, YamlNode spec, TimeSpan defaultWindow)
    {
        r.Known(spec, "spec", SloKeys);
        var service = r.Required(spec, "spec.service", "service");
        var window = OpenSloWindow.Read(r, spec, defaultWindow, alpha: false);
        var budgeting = Budgeting(r, spec);
        if (YamlReader.Child(spec, "alertPolicies") is YamlSequenceNode { Children.Count: > 0 } policies)
            r.Note(policies, "spec.alertPolicies", "are ignored", "SloBot's burn-rate alerts are its own");

        ParsedIndicator? indicator = null;
        string? indicatorRef = null;
        var indicatorNode = YamlReader.Child(spec, "indicator");
        var refNode = YamlReader.Child(spec, "indicatorRef");
        if (indicatorNode is not null)
        {
            r.Known(indicatorNode, "spec.indicator", InlineIndicatorKeys);
            if (YamlReader.Child(indicatorNode, "spec") is not { } sliSpec)
            {
                r.Problem(indicatorNode, "spec.indicator.spec", "is missing", "expected the SLI's spec with a ratioMetric or thresholdMetric");
                return null;
            }

            indicator = OpenSloIndicator.Parse(r, sliSpec, "spec.indicator.spec");
            if (indicator is null)
                return null;
        }
        else if (YamlReader.Scalar(refNode) is { } reference)
        {
            indicatorRef = reference;
        }
        else if (!HasCompositeObjectives(spec))
        {
            r.Problem(spec, "spec.indicator", "is missing", "give an inline indicator or an indicatorRef naming an SLI");
            return null;
        }

        if (budgeting is null)
            return null;
        var objectives = OpenSloObjectives.Read(r, spec, budgeting, alpha: false);
        if (service is null || window is null || objectives is null || (indicator is null && indicatorRef is null))
            return null;
        return new OpenSloSlo(name, service, indicator, indicatorRef, r.LineOf(indicatorNode ?? refNode), window, budgeting, objectives,
            YamlReader.String(spec, "description"), r.File, r.LineOf(root));
    }

    private static bool HasCompositeObjectives(YamlNode spec) =>
        YamlReader.Child(spec, "objectives") is YamlSequenceNode list &&
        list.Children.Any(o => YamlReader.Child(o, "indicator") is not null || YamlReader.Child(o, "indicatorRef") is not null);
}
