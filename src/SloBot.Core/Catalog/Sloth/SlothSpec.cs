using SloBot.Core.Catalog.OpenSlo;
using SloBot.Core.Catalog.Yaml;
using YamlDotNet.RepresentationModel;

namespace SloBot.Core.Catalog.Sloth;

/// <summary>
/// Sloth's <c>version: prometheus/v1</c> spec (and the same spec under <c>spec</c> of a
/// <c>sloth.slok.dev/v1</c> PrometheusServiceLevel). Sloth has no per-SLO window: SLOs get Sloth's default, 30 days.
/// </summary>
internal static class SlothSpec
{
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(30);

    public static void Read(YamlReader r, YamlNode spec, CatalogAccumulator into)
    {
        var service = r.Required(spec, "service", "service");
        if (service is null)
            return;
        into.AddSlothService(service, ServiceMetadata.From(YamlReader.StringMap(YamlReader.Child(spec, "labels"))));
        if (YamlReader.Child(spec, "slos") is not YamlSequenceNode { Children.Count: > 0 } slos)
        {
            r.Problem(YamlReader.Child(spec, "slos") ?? spec, "slos", "is missing; expected a list of SLOs with name, objective and sli");
            return;
        }

        for (var i = 0; i < slos.Children.Count; i++)
        {
            if (Slo(r, service, slos.Children[i], $"slos[{i}]") is { } slo)
                into.AddSlo(r, slos.Children[i], slo);
        }
    }

    private static SloDefinition? Slo(YamlReader r, string service, YamlNode node, string field)
    {
        var name = r.Required(node, $"{field}.name", "name");
        var objective = r.Number(YamlReader.Child(node, "objective"), $"{field}.objective");
        if (objective is null && YamlReader.Child(node, "objective") is null)
            r.Problem(node, $"{field}.objective", "is missing; expected a percentage such as 99.9");
        if (objective is <= 0 or >= 100)
        {
            r.Problem(YamlReader.Child(node, "objective"), $"{field}.objective", $"{objective} is out of range; expected a percentage above 0 and below 100");
            objective = null;
        }

        var query = Indicator(r, node, $"{field}.sli");
        if (name is null || objective is null || query is null)
            return null;
        return new SloDefinition(service, name, objective.Value / 100, DefaultWindow, query, YamlReader.String(node, "description"), r.File);
    }

    private static SliQuery? Indicator(YamlReader r, YamlNode slo, string field)
    {
        if (YamlReader.Child(slo, "sli") is not { } sli)
        {
            r.Problem(slo, field, "is missing; expected sli.events with error_query and total_query");
            return null;
        }

        if (YamlReader.Child(sli, "events") is { } events)
        {
            var error = r.Required(events, $"{field}.events.error_query", "error_query");
            var total = r.Required(events, $"{field}.events.total_query", "total_query");
            if (error is null || total is null)
                return null;
            var templated = OpenSloIndicator.WindowPlaceholder().IsMatch(error) || OpenSloIndicator.WindowPlaceholder().IsMatch(total);
            return new SliQuery(templated ? SliQueryKind.WindowTemplate : SliQueryKind.Counter, null, error.Trim(), total.Trim());
        }

        if (YamlReader.Child(sli, "raw") is { } raw)
        {
            // An error ratio has no event counts: count "1 per second" as total and the ratio as bad, so the SLI
            // and budget are exact for a constant ratio and the counts read as seconds (docs/catalog.md).
            var ratio = r.Required(raw, $"{field}.raw.error_ratio_query", "error_ratio_query");
            return ratio is null ? null : new SliQuery(SliQueryKind.WindowTemplate, null, $"({ratio.Trim()})", "vector(1)");
        }

        if (YamlReader.Child(sli, "plugin") is { } plugin)
        {
            r.Problem(plugin, $"{field}.plugin", "Sloth SLI plugins are not supported; use sli.events with error_query and total_query");
            return null;
        }

        r.Problem(sli, field, "expected sli.events with error_query and total_query (or sli.raw.error_ratio_query)");
        return null;
    }
}
