using SloBot.Core.Catalog;
using Xunit;

namespace SloBot.Core.Tests.Catalog;

public class SlothCatalogTests
{
    private const string Spec = """
        version: "prometheus/v1"
        service: "checkout"
        labels:
          owner: "U1,U2"
          tier: "critical"
        slos:
          - name: "requests-availability"
            objective: 99.9
            description: "Common SLO based on availability for HTTP request responses."
            sli:
              events:
                error_query: sum(rate(http_request_duration_seconds_count{job="checkout",code=~"(5..|429)"}[{{.window}}]))
                total_query: sum(rate(http_request_duration_seconds_count{job="checkout"}[{{.window}}]))
            alerting:
              name: CheckoutHighErrorRate
          - name: "ratio"
            objective: 99
            sli:
              raw:
                error_ratio_query: sum(rate(errors[{{ .window }}])) / sum(rate(requests[{{ .window }}]))
        """;

    [Fact]
    public void Read_SlothSpec_WindowTemplateSlosWithThirtyDayWindow()
    {
        var catalog = CatalogReader.Read("checkout.yaml", Spec);

        Assert.Empty(catalog.Problems);
        var service = Assert.Single(catalog.Services);
        Assert.Equal("checkout", service.Name);
        Assert.Equal("critical", service.Tier);
        Assert.Equal(["U1", "U2"], service.OwnerIds);
        var slo = service.Slos[0];
        Assert.Equal("requests-availability", slo.Name);
        Assert.Equal(0.999, slo.Target, 12);
        Assert.Equal(TimeSpan.FromDays(30), slo.Window);
        Assert.Equal(SliQueryKind.WindowTemplate, slo.Indicator.Kind);
        Assert.Null(slo.Indicator.Good);
        Assert.StartsWith("sum(rate(http_request_duration_seconds_count{job=\"checkout\",code=~", slo.Indicator.Bad, StringComparison.Ordinal);
        Assert.Contains("[{{.window}}]", slo.Indicator.Total, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SlothRawErrorRatio_BadIsTheRatioAndTotalIsOneOnlyWhereTheRatioHasData()
    {
        var slo = CatalogReader.Read("checkout.yaml", Spec).Services[0].Slos[1];

        Assert.Equal(SliQueryKind.WindowTemplate, slo.Indicator.Kind);
        Assert.True(slo.Indicator.RatioOnly);
        const string ratio = "sum(rate(errors[{{ .window }}])) / sum(rate(requests[{{ .window }}]))";
        Assert.Equal($"({ratio})", slo.Indicator.Bad);
        Assert.Equal($"(({ratio}) * 0 + 1)", slo.Indicator.Total);
    }

    [Fact]
    public void Read_KubernetesPrometheusServiceLevel_ReadsItsCamelCaseSpec()
    {
        var camel = Spec.Replace("error_query", "errorQuery", StringComparison.Ordinal).Replace("total_query", "totalQuery", StringComparison.Ordinal)
            .Replace("error_ratio_query", "errorRatioQuery", StringComparison.Ordinal);
        var crd = "apiVersion: sloth.slok.dev/v1\nkind: PrometheusServiceLevel\nmetadata: {name: x}\nspec:\n" +
                  string.Join('\n', camel.Split('\n').Skip(1).Select(l => "  " + l));

        var catalog = CatalogReader.Read("crd.yaml", crd);

        Assert.Empty(catalog.Problems);
        Assert.Equal(2, catalog.Services[0].Slos.Count);
        Assert.Equal(CatalogReader.Read("checkout.yaml", Spec).Services[0].Slos.Select(s => s.Indicator), catalog.Services[0].Slos.Select(s => s.Indicator));
    }

    [Fact]
    public void Read_KubernetesFormWithSnakeCaseKeys_LoadsAndWarnsNamingTheCamelCaseKey()
    {
        var crd = "apiVersion: sloth.slok.dev/v1\nkind: PrometheusServiceLevel\nmetadata: {name: x}\nspec:\n" +
                  string.Join('\n', Spec.Split('\n').Skip(1).Select(l => "  " + l));

        var catalog = CatalogReader.Read("crd.yaml", crd);

        Assert.Equal(2, catalog.Services[0].Slos.Count);
        var warning = Assert.Single(catalog.Problems, p => p.Field == "slos[0].sli.events.error_query");
        Assert.Equal(CatalogSeverity.Warning, warning.Severity);
        Assert.Contains("'errorQuery'", warning.Message, StringComparison.Ordinal);
        Assert.Equal(15, warning.Line);
    }

    [Fact]
    public void Read_BrokenSloInSpec_OtherSlosStillLoad()
    {
        var text = OpenSloCatalogTests.ReplaceFirst(Spec, "objective: 99\n", "objective: 100\n");

        var catalog = CatalogReader.Read("checkout.yaml", text);

        var problem = Assert.Single(catalog.Problems);
        Assert.Equal("slos[1].objective", problem.Field);
        Assert.Equal(OpenSloCatalogTests.LineOf(text, "objective: 100"), problem.Line);
        Assert.Equal(["requests-availability"], catalog.Services[0].Slos.Select(s => s.Name));
    }

    [Fact]
    public void Read_PluginSli_IsAClearProblem()
    {
        var text = OpenSloCatalogTests.ReplaceFirst(Spec, "raw:\n        error_ratio_query:", "plugin:\n        id:");

        var problem = Assert.Single(CatalogReader.Read("checkout.yaml", text).Problems);

        Assert.Equal("slos[1].sli.plugin", problem.Field);
    }
}
