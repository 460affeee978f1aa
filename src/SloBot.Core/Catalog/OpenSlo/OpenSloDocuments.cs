using SloBot.Core.Catalog.Yaml;
using YamlDotNet.RepresentationModel;

namespace SloBot.Core.Catalog.OpenSlo;

/// <summary>An OpenSLO SLO before its <c>indicatorRef</c> is resolved against the SLIs of every file.</summary>
internal sealed record OpenSloSlo(
    string Name,
    string Service,
    SliQuery? Indicator,
    string? IndicatorRef,
    int IndicatorLine,
    TimeSpan Window,
    IReadOnlyList<OpenSloObjective> Objectives,
    string? Description,
    string File,
    int Line);

internal sealed record OpenSloObjective(string? Name, double Target);

/// <summary>Parses one <c>apiVersion: openslo/v1</c> document (kinds SLO, SLI, Service, DataSource).</summary>
internal static class OpenSloDocuments
{
    /// <summary>Kinds that are valid OpenSLO but carry nothing SloBot uses (alerting is SloBot's own).</summary>
    private static readonly string[] Ignored = ["AlertPolicy", "AlertCondition", "AlertNotificationTarget"];

    public static void Read(YamlReader r, YamlNode root, CatalogAccumulator into)
    {
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
                into.AddService(r, root, name, Metadata(root, YamlReader.String(spec, "description")));
                break;
            case "SLI":
                into.AddSli(r, root, name, OpenSloIndicator.Parse(r, spec!, "spec"));
                break;
            case "SLO":
                if (Slo(r, root, name, spec!) is { } slo)
                    into.AddOpenSloSlo(slo, Metadata(root, null));
                break;
            case "DataSource":
                if (YamlReader.String(spec, "type") is { } type && !type.Equals("prometheus", StringComparison.OrdinalIgnoreCase))
                    r.Problem(YamlReader.Child(spec, "type"), "spec.type", $"DataSource '{name}' is of type '{type}'; SloBot reads Prometheus only");
                break;
            default:
                if (!Ignored.Contains(kind, StringComparer.Ordinal))
                    r.Problem(YamlReader.Child(root, "kind"), "kind", $"'{kind}' is not an OpenSLO v1 kind SloBot reads; expected SLO, SLI, Service or DataSource");
                break;
        }
    }

    private static ServiceMetadata Metadata(YamlNode root, string? description) => ServiceMetadata.From(
        YamlReader.StringMap(YamlReader.Path(root, "metadata", "labels")),
        YamlReader.StringMap(YamlReader.Path(root, "metadata", "annotations")),
        description);

    private static OpenSloSlo? Slo(YamlReader r, YamlNode root, string name, YamlNode spec)
    {
        var service = r.Required(spec, "spec.service", "service");
        var window = Window(r, spec);
        var budgeting = YamlReader.String(spec, "budgetingMethod");
        if (budgeting is not null && budgeting != "Occurrences")
        {
            r.Problem(YamlReader.Child(spec, "budgetingMethod"), "spec.budgetingMethod",
                $"'{budgeting}' is not supported; SloBot budgets by Occurrences (good ÷ total events over the window)");
            return null;
        }

        SliQuery? indicator = null;
        string? indicatorRef = null;
        var indicatorNode = YamlReader.Child(spec, "indicator");
        var refNode = YamlReader.Child(spec, "indicatorRef");
        if (indicatorNode is not null)
        {
            if (YamlReader.Child(indicatorNode, "spec") is not { } sliSpec)
            {
                r.Problem(indicatorNode, "spec.indicator.spec", "is missing; expected the SLI's spec with a ratioMetric");
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
        else
        {
            r.Problem(spec, "spec.indicator", "is missing; give an inline indicator or an indicatorRef naming an SLI");
            return null;
        }

        var objectives = Objectives(r, spec);
        if (service is null || window is null || objectives is null)
            return null;
        return new OpenSloSlo(name, service, indicator, indicatorRef, r.LineOf(indicatorNode ?? refNode), window.Value, objectives,
            YamlReader.String(spec, "description"), r.File, r.LineOf(root));
    }

    private static TimeSpan? Window(YamlReader r, YamlNode spec)
    {
        var node = YamlReader.Child(spec, "timeWindow");
        var first = node is YamlSequenceNode { Children.Count: > 0 } seq ? seq.Children[0] : node as YamlMappingNode;
        if (first is null)
        {
            r.Problem(node ?? spec, "spec.timeWindow", $"is missing; expected a list with one window, e.g. [{{duration: 30d, isRolling: true}}]");
            return null;
        }

        if (node is YamlSequenceNode { Children.Count: > 1 })
            r.Problem(node, "spec.timeWindow", "has more than one window; SloBot uses the first");
        if (YamlReader.Child(first, "calendar") is not null || r.Bool(YamlReader.Child(first, "isRolling"), "spec.timeWindow[0].isRolling") == false)
        {
            r.Problem(first, "spec.timeWindow[0]", "calendar windows are not supported; use a rolling window (isRolling: true, e.g. duration: 30d)");
            return null;
        }

        var (window, error) = CatalogDuration.Parse(YamlReader.String(first, "duration"));
        if (error is not null)
            r.Problem(YamlReader.Child(first, "duration") ?? first, "spec.timeWindow[0].duration", error);
        return window;
    }

    private static List<OpenSloObjective>? Objectives(YamlReader r, YamlNode spec)
    {
        if (YamlReader.Child(spec, "objectives") is not YamlSequenceNode { Children.Count: > 0 } list)
        {
            r.Problem(YamlReader.Child(spec, "objectives") ?? spec, "spec.objectives", "is missing; expected at least one objective with target (0–1) or targetPercent");
            return null;
        }

        var result = new List<OpenSloObjective>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            var o = list.Children[i];
            var field = $"spec.objectives[{i}]";
            var target = r.Number(YamlReader.Child(o, "target"), $"{field}.target");
            var percent = r.Number(YamlReader.Child(o, "targetPercent"), $"{field}.targetPercent");
            var value = target ?? percent / 100;
            if (value is null)
            {
                r.Problem(o, $"{field}.target", "is missing; expected target (e.g. 0.999) or targetPercent (e.g. 99.9)");
                return null;
            }

            if (value <= 0 || value >= 1)
            {
                r.Problem(YamlReader.Child(o, "target") ?? YamlReader.Child(o, "targetPercent") ?? o, $"{field}.target",
                    $"{value:0.######} is out of range; a target must be above 0 and below 1 (below 100 as targetPercent), or there is no error budget");
                return null;
            }

            result.Add(new OpenSloObjective(YamlReader.String(o, "displayName") ?? YamlReader.String(o, "name"), value.Value));
        }

        return result;
    }
}
