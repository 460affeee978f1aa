using SloBot.Core.Catalog.OpenSlo;
using SloBot.Core.Catalog.Yaml;
using YamlDotNet.RepresentationModel;

namespace SloBot.Core.Catalog.Sloth;

/// <summary>Sloth writes the same spec in two spellings: <c>prometheus/v1</c> files in snake_case, the Kubernetes CRD in camelCase.</summary>
internal enum SlothNaming
{
    SnakeCase,
    CamelCase,
}

/// <summary>
/// Sloth's <c>version: prometheus/v1</c> spec and the <c>spec</c> of a <c>sloth.slok.dev/v1</c> PrometheusServiceLevel.
/// Sloth has no per-SLO window: SLOs get the catalog's default window (30 days, Sloth's default period).
/// </summary>
internal static class SlothSpec
{
    /// <summary>SLO plugins that only shape Sloth's generated rules (the SLI maths is unchanged): noted and ignored.</summary>
    private static readonly string[] RuleOnlyPlugins =
    [
        "sloth.dev/core/debug/v1", "sloth.dev/core/noop/v1", "sloth.dev/core/sli_rules/v1", "sloth.dev/core/metadata_rules/v1",
        "sloth.dev/core/alert_rules/v1", "sloth.dev/core/validate/v1", "sloth.dev/contrib/info_labels/v1", "sloth.dev/contrib/rule_intervals/v1",
    ];

    public static void Read(YamlReader r, YamlNode spec, CatalogAccumulator into, SlothNaming naming)
    {
        var names = new Names(naming);
        r.Known(spec, "", naming == SlothNaming.SnakeCase
            ? ["version", "service", "labels", "slo_plugins", "sloPlugins", "slos"]
            : ["service", "labels", "sloPlugins", "slo_plugins", "slos"]);
        var service = r.Required(spec, "service", "service");
        if (service is null)
            return;
        into.AddSlothService(service, ServiceMetadata.From(YamlReader.StringMap(YamlReader.Child(spec, "labels"))));
        var specPlugins = Plugins(r, names.Get(r, spec, "slo_plugins", ""), names.Field("slo_plugins"));
        if (YamlReader.Child(spec, "slos") is not YamlSequenceNode { Children.Count: > 0 } slos)
        {
            r.Problem(YamlReader.Child(spec, "slos") ?? spec, "slos", "is missing", "expected a list of SLOs with name, objective and sli");
            return;
        }

        for (var i = 0; i < slos.Children.Count; i++)
        {
            if (Slo(r, service, slos.Children[i], $"slos[{i}]", names, into.DefaultWindow, specPlugins) is { } slo)
                into.AddSlo(r, slos.Children[i], slo);
        }
    }

    private static SloDefinition? Slo(YamlReader r, string service, YamlNode node, string field, Names names, TimeSpan window, bool pluginsRefused)
    {
        r.Known(node, field, ["name", "description", "objective", "plugins", "labels", "sli", "alerting"]);
        var name = r.Required(node, $"{field}.name", "name");
        var objectiveNode = YamlReader.Child(node, "objective");
        var objective = r.Number(objectiveNode, $"{field}.objective");
        if (objective is null && objectiveNode is null)
            r.Problem(node, $"{field}.objective", "is missing", "expected a percentage such as 99.9");
        if (objective is <= 0 or >= 100)
        {
            r.Problem(objectiveNode, $"{field}.objective", $"{objective} is out of range", "a Sloth objective is a percentage above 0 and below 100 (99.9, not 0.999)");
            objective = null;
        }

        var refused = Plugins(r, YamlReader.Child(node, "plugins"), $"{field}.plugins") || pluginsRefused;
        var alerting = Alerting(r, YamlReader.Child(node, "alerting"), $"{field}.alerting", names);
        var query = Indicator(r, node, $"{field}.sli", names);
        if (name is null || objective is null || query is null || refused)
            return null;
        return new SloDefinition(service, name, objective.Value / 100, window, query, YamlReader.String(node, "description"), r.File)
        {
            SourceLine = r.LineOf(node),
            Labels = YamlReader.StringMap(YamlReader.Child(node, "labels")),
            Alerting = alerting,
        };
    }

    /// <summary>
    /// Reads the alerting section for <c>slobot rules</c> (which writes Sloth's alerts from it) and notes that SloBot's own
    /// burn-rate alerts do not use it.
    /// </summary>
    private static SlothAlerting? Alerting(YamlReader r, YamlNode? alerting, string field, Names names)
    {
        if (alerting is null)
            return null;
        r.Known(alerting, field, ["name", "labels", "annotations", .. Names.Both("page_alert", "ticket_alert")]);
        var alerts = new SlothAlert[2];
        var keys = new[] { "page_alert", "ticket_alert" };
        for (var i = 0; i < keys.Length; i++)
        {
            var node = names.Get(r, alerting, keys[i], field);
            var path = $"{field}.{names.Key(keys[i])}";
            r.Known(node, path, ["disable", "labels", "annotations"]);
            var disabled = node is not null && r.Bool(YamlReader.Child(node, "disable"), $"{path}.disable") == true;
            alerts[i] = new SlothAlert(disabled, YamlReader.StringMap(YamlReader.Child(node, "labels")), YamlReader.StringMap(YamlReader.Child(node, "annotations")));
        }

        r.Note(alerting, field, "is not used for SloBot's own burn-rate alerts; `slobot rules` writes it into Sloth's page and ticket alerts",
            "SloBot's burn-rate alerts are its own (SloBot:Alerts)");
        return new SlothAlerting(YamlReader.String(alerting, "name"), YamlReader.StringMap(YamlReader.Child(alerting, "labels")),
            YamlReader.StringMap(YamlReader.Child(alerting, "annotations")), alerts[0], alerts[1]);
    }

    /// <summary>True when a plugin in the chain changes the SLO's maths (the SLO is refused); rule-only plugins are noted.</summary>
    private static bool Plugins(YamlReader r, YamlNode? plugins, string field)
    {
        if (plugins is null)
            return false;
        r.Known(plugins, field, ["overridePrevious", "chain"]);
        if (YamlReader.Child(plugins, "chain") is not YamlSequenceNode chain)
            return false;
        var refused = false;
        for (var i = 0; i < chain.Children.Count; i++)
        {
            var id = YamlReader.String(chain.Children[i], "id") ?? "(no id)";
            if (RuleOnlyPlugins.Contains(id, StringComparer.Ordinal))
            {
                r.Note(chain.Children[i], $"{field}.chain[{i}].id", $"SLO plugin '{id}' only shapes Sloth's generated rules; SloBot ignores it");
                continue;
            }

            refused = true;
            var hint = id.Contains("denominator_corrected", StringComparison.Ordinal)
                ? "it changes the error ratio's denominator, which SloBot would not reproduce; remove the plugin to read the SLO with plain events"
                : id.Contains("victoria", StringComparison.OrdinalIgnoreCase)
                    ? "it validates VictoriaMetrics queries; SloBot queries Prometheus"
                    : "SloBot cannot tell whether it changes the SLO's maths; remove it from the chain to read this SLO";
            r.Problem(chain.Children[i], $"{field}.chain[{i}].id", $"Sloth SLO plugin '{id}' is not supported", hint);
        }

        return refused;
    }

    private static SliQuery? Indicator(YamlReader r, YamlNode slo, string field, Names names)
    {
        if (YamlReader.Child(slo, "sli") is not { } sli)
        {
            r.Problem(slo, field, "is missing", $"expected sli.events with {names.Key("error_query")} and {names.Key("total_query")}");
            return null;
        }

        r.Known(sli, field, ["events", "raw", "plugin"]);
        if (YamlReader.Child(sli, "events") is { } events)
        {
            r.Known(events, $"{field}.events", Names.Both("error_query", "total_query"));
            var error = Query(r, names.Get(r, events, "error_query", $"{field}.events"), events, $"{field}.events.{names.Key("error_query")}");
            var total = Query(r, names.Get(r, events, "total_query", $"{field}.events"), events, $"{field}.events.{names.Key("total_query")}");
            if (error is null || total is null)
                return null;
            var templated = OpenSloIndicator.WindowPlaceholder().IsMatch(error) || OpenSloIndicator.WindowPlaceholder().IsMatch(total);
            return new SliQuery(templated ? SliQueryKind.WindowTemplate : SliQueryKind.Counter, null, error, total);
        }

        if (YamlReader.Child(sli, "raw") is { } raw)
        {
            r.Known(raw, $"{field}.raw", Names.Both("error_ratio_query"));
            var ratio = Query(r, names.Get(r, raw, "error_ratio_query", $"{field}.raw"), raw, $"{field}.raw.{names.Key("error_ratio_query")}");
            return ratio is null ? null : OpenSloIndicator.Raw(ratio, success: false);
        }

        if (YamlReader.Child(sli, "plugin") is { } plugin)
        {
            var id = YamlReader.String(plugin, "id") ?? "(no id)";
            r.Problem(plugin, $"{field}.plugin", $"Sloth SLI plugin '{id}' is not supported",
                $"SLI plugins generate their queries inside Sloth; write the SLI as sli.events with {names.Key("error_query")} and {names.Key("total_query")} (sloth generate prints them)");
            return null;
        }

        r.Problem(sli, field, "has no events, raw or plugin", $"expected sli.events with {names.Key("error_query")} and {names.Key("total_query")} (or sli.raw.{names.Key("error_ratio_query")})");
        return null;
    }

    private static string? Query(YamlReader r, YamlNode? node, YamlNode parent, string field)
    {
        var text = YamlReader.Scalar(node);
        if (text is null)
        {
            r.Problem(node ?? parent, field, node is null ? "is missing" : "must be a non-empty PromQL query");
            return null;
        }

        return OpenSloIndicator.Checked(r, node, field, text);
    }

    /// <summary>Keys in the form's spelling; the other spelling is read too, with a warning naming the right one.</summary>
    private sealed class Names(SlothNaming naming)
    {
        private static readonly Dictionary<string, string> Camel = new(StringComparer.Ordinal)
        {
            ["error_query"] = "errorQuery",
            ["total_query"] = "totalQuery",
            ["error_ratio_query"] = "errorRatioQuery",
            ["page_alert"] = "pageAlert",
            ["ticket_alert"] = "ticketAlert",
            ["slo_plugins"] = "sloPlugins",
        };

        /// <summary>Both spellings of each key (the wrong one is reported by <see cref="Get"/>, not as unknown).</summary>
        public static string[] Both(params string[] snakes) => snakes.SelectMany(s => new[] { s, Camel[s] }).ToArray();

        public string Key(string snake) => naming == SlothNaming.SnakeCase ? snake : Camel[snake];

        public string Field(string snake) => Key(snake);

        public YamlNode? Get(YamlReader r, YamlNode parent, string snake, string field)
        {
            var key = Key(snake);
            if (YamlReader.Child(parent, key) is { } node)
                return node;
            var other = naming == SlothNaming.SnakeCase ? Camel[snake] : snake;
            if (YamlReader.Child(parent, other) is not { } found)
                return null;
            var form = naming == SlothNaming.SnakeCase ? "a prometheus/v1 file" : "a PrometheusServiceLevel";
            r.Warning(found, field.Length == 0 ? other : $"{field}.{other}", $"is the other Sloth spelling; {form} writes '{key}'", $"rename it to '{key}' (Sloth itself would not read it)");
            return found;
        }
    }
}
