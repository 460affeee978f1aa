using System.Text.Json;
using SloBot.Core.Catalog;
using SloBot.Core.Design;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace SloBot.Core.Tests.Design;

public sealed class GeneratedFilesTests
{
    [Fact]
    public void OpenSlo_ReadBackByTheCatalog_GivesTheSameSlosAndServiceMetadata()
    {
        var spec = DesignKit.Critical();
        var yaml = OpenSloWriter.Write(spec, DesignKit.Payment);

        var catalog = CatalogReader.Read("payment.yaml", yaml);

        Assert.Empty(catalog.Problems);
        var service = Assert.Single(catalog.Services);
        Assert.Equal("payment", service.Name);
        Assert.Equal("critical", service.Tier);
        Assert.Equal(["U1", "U2"], service.OwnerIds);
        Assert.Equal("#payment-oncall", service.Channel);
        Assert.Equal(["database", "cache"], service.DependencyNames);
        Assert.Equal(spec.Slos.Select(s => s.Definition), service.Slos.Select(s => s with { SourceFile = null, SourceLine = null }));
    }

    [Fact]
    public void OpenSlo_BurnRatePairs_AreAlertPoliciesTheSlosReferTo()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(OpenSloWriter.Write(DesignKit.Critical(), DesignKit.Payment)));
        var docs = stream.Documents.Select(d => (YamlMappingNode)d.RootNode).ToArray();

        var policies = docs.Where(d => d["kind"].ToString() == "AlertPolicy").ToArray();
        Assert.Equal(["14.4", "6", "3", "1"], policies.Select(p => Path(p, "spec", "conditions", "0", "spec", "condition", "threshold")));
        Assert.Equal(["1h", "6h", "1d", "3d"], policies.Select(p => Path(p, "spec", "conditions", "0", "spec", "condition", "lookbackWindow")));
        Assert.Equal(["page", "ticket", "ticket", "ticket"], policies.Select(p => Path(p, "spec", "conditions", "0", "spec", "severity")));
        var names = policies.Select(p => Path(p, "metadata", "name")).ToArray();
        foreach (var slo in docs.Where(d => d["kind"].ToString() == "SLO"))
            Assert.Equal(names, ((YamlSequenceNode)((YamlMappingNode)slo["spec"])["alertPolicies"]).Select(r => ((YamlMappingNode)r)["alertPolicyRef"].ToString()));
    }

    private static string Path(YamlNode node, params string[] keys)
    {
        foreach (var key in keys)
            node = node is YamlSequenceNode seq ? seq[int.Parse(key, System.Globalization.CultureInfo.InvariantCulture)] : ((YamlMappingNode)node)[key];
        return node.ToString();
    }

    [Fact]
    public void OpenSlo_WindowTemplateQueriesWithQuotes_RoundTrip()
    {
        var query = new SliQuery(SliQueryKind.WindowTemplate, null, "sum(rate(x_errors_total{job=\"a\\\"b\"}[{{.window}}]))", "sum(rate(x_total[{{.window}}]))");
        var spec = DesignKit.Critical(DesignKit.Payment with { Slos = [new SloDefinition("payment", "availability", 0.999, TimeSpan.FromDays(30), query)] });

        var catalog = CatalogReader.Read("payment.yaml", OpenSloWriter.Write(spec));

        Assert.Empty(catalog.Problems);
        Assert.Equal(query, catalog.Services[0].Slos[0].Indicator);
    }

    [Fact]
    public void Dashboard_HasEveryFieldGrafanaImportNeeds()
    {
        var spec = DesignKit.Critical();

        using var json = JsonDocument.Parse(GrafanaDashboardWriter.Write(spec));
        var d = json.RootElement;

        Assert.Equal(JsonValueKind.Null, d.GetProperty("id").ValueKind); // import creates a new dashboard
        Assert.Equal("slobot-payment", d.GetProperty("uid").GetString());
        Assert.Equal("payment SLO Dashboard", d.GetProperty("title").GetString());
        Assert.True(d.GetProperty("schemaVersion").GetInt32() >= 36);
        var variables = d.GetProperty("templating").GetProperty("list").EnumerateArray().ToArray();
        Assert.Contains(variables, v => v.GetProperty("name").GetString() == "datasource" && v.GetProperty("type").GetString() == "datasource" && v.GetProperty("query").GetString() == "prometheus");
        var panels = d.GetProperty("panels").EnumerateArray().ToArray();
        Assert.Equal(panels.Length, panels.Select(p => p.GetProperty("id").GetInt32()).Distinct().Count());
        string[] known = ["row", "stat", "gauge", "timeseries"];
        foreach (var p in panels)
        {
            Assert.Contains(p.GetProperty("type").GetString(), known);
            Assert.False(string.IsNullOrWhiteSpace(p.GetProperty("title").GetString()));
            var g = p.GetProperty("gridPos");
            var (x, w, h) = (g.GetProperty("x").GetInt32(), g.GetProperty("w").GetInt32(), g.GetProperty("h").GetInt32());
            Assert.True(x >= 0 && w > 0 && h > 0 && x + w <= 24, $"panel {p.GetProperty("title")} overflows the 24-column grid");
            Assert.True(g.GetProperty("y").GetInt32() >= 0);
            if (p.GetProperty("type").GetString() == "row")
                continue;
            Assert.Equal("${datasource}", p.GetProperty("datasource").GetProperty("uid").GetString());
            var targets = p.GetProperty("targets").EnumerateArray().ToArray();
            Assert.NotEmpty(targets);
            Assert.Equal(targets.Length, targets.Select(t => t.GetProperty("refId").GetString()).Distinct().Count());
            Assert.All(targets, t => Assert.Contains("sloth_id=\"payment-", t.GetProperty("expr").GetString(), StringComparison.Ordinal));
        }

        string[] titles = ["SLO compliance (30d)", "Error budget remaining", "Burn rate"];
        Assert.All(titles, t => Assert.Contains(panels, p => p.GetProperty("title").GetString() == t));
    }

    [Fact]
    public void Dashboard_QueriesOnlyRecordsTheRulesFileDefines()
    {
        var spec = DesignKit.Critical();
        var records = PrometheusRulesBuilder.Build(spec).SelectMany(g => g.Rules).OfType<RecordingRule>().Select(r => r.Record).ToHashSet();

        using var json = JsonDocument.Parse(GrafanaDashboardWriter.Write(spec));
        var exprs = json.RootElement.GetProperty("panels").EnumerateArray().Where(p => p.TryGetProperty("targets", out _))
            .SelectMany(p => p.GetProperty("targets").EnumerateArray()).Select(t => t.GetProperty("expr").GetString()!);

        foreach (var expr in exprs)
        {
            var used = System.Text.RegularExpressions.Regex.Matches(expr, @"slo:[a-z_0-9:]+").Select(m => m.Value);
            Assert.All(used, u => Assert.Contains(u, records));
        }
    }

    [Fact]
    public void Rules_ParseAsYamlWithUniqueGroupsAndOneAlertPerPair()
    {
        var spec = DesignKit.Critical();
        var stream = new YamlStream();
        stream.Load(new StringReader(PrometheusRulesWriter.Write(spec)));

        var groups = (YamlSequenceNode)((YamlMappingNode)stream.Documents[0].RootNode)["groups"];
        var names = groups.Cast<YamlMappingNode>().Select(g => g["name"].ToString()).ToArray();
        Assert.Equal(names.Length, names.Distinct().Count());
        Assert.Equal(6, names.Length); // SLI, meta and alert groups for availability and latency
        var alerts = groups.Cast<YamlMappingNode>().SelectMany(g => (YamlSequenceNode)g["rules"]).Cast<YamlMappingNode>()
            .Where(r => r.Children.ContainsKey("alert")).ToArray();
        Assert.Equal(8, alerts.Length);
        Assert.All(alerts, a => Assert.Contains("and", a["expr"].ToString(), StringComparison.Ordinal));
        Assert.Contains(alerts, a => ((YamlMappingNode)a["labels"])["severity"].ToString() == "page");
    }
}
