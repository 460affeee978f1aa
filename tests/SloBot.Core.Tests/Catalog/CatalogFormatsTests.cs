using SloBot.Core.Catalog;
using Xunit;

namespace SloBot.Core.Tests.Catalog;

/// <summary>Issue 11: OpenSLO v1alpha, top-level lists, the default window, ratioMetric.raw, latency thresholds, what is refused.</summary>
public class CatalogFormatsTests
{
    [Fact]
    public void Read_OpenSloV1Alpha_RatioMetricsPerObjectiveAndCountUnitWindow()
    {
        const string text = """
            apiVersion: openslo/v1alpha
            kind: SLO
            metadata:
              name: requests-availability
              displayName: Requests availability
            spec:
              service: shop
              budgetingMethod: Occurrences
              objectives:
                - ratioMetrics:
                    good:
                      source: prometheus
                      queryType: promql
                      query: sum(rate(http_requests_total{job="shop",code!~"5.."}[{{.window}}]))
                    total:
                      source: prometheus
                      queryType: promql
                      query: sum(rate(http_requests_total{job="shop"}[{{.window}}]))
                  target: 0.995
              timeWindows:
                - count: 28
                  unit: Day
            """;

        var catalog = CatalogReader.Read("alpha.yaml", text);

        Assert.Empty(catalog.Problems);
        var slo = Assert.Single(Assert.Single(catalog.Services).Slos);
        Assert.Equal(("shop", "requests-availability", 0.995, TimeSpan.FromDays(28)), (slo.Service, slo.Name, slo.Target, slo.Window));
        Assert.Equal(SliQueryKind.WindowTemplate, slo.Indicator.Kind);
        Assert.StartsWith("sum(rate(http_requests_total{job=\"shop\",code!~", slo.Indicator.Good, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TopLevelList_EveryItemIsADocument_AndNoWindowGetsTheDefaultWithANote()
    {
        const string text = """
            - apiVersion: openslo/v1
              kind: Service
              metadata: {name: cart}
              spec: {description: The cart}
            - apiVersion: openslo/v1
              kind: SLO
              metadata: {name: availability}
              spec:
                service: cart
                indicator:
                  spec:
                    ratioMetric:
                      counter: true
                      bad: {metricSource: {type: Prometheus, spec: {query: 'errors_total{svc="cart"}'}}}
                      total: {metricSource: {type: Prometheus, spec: {query: 'requests_total{svc="cart"}'}}}
                objectives: [{target: 0.99}]
            """;

        var catalog = new CatalogReader(TimeSpan.FromDays(7)).Add("list.yaml", text).Build();

        Assert.Empty(catalog.Problems);
        var service = Assert.Single(catalog.Services);
        Assert.Equal("The cart", service.Description);
        Assert.Equal(TimeSpan.FromDays(7), Assert.Single(service.Slos).Window);
        var note = Assert.Single(catalog.Notes, n => n.Field == "spec.timeWindow");
        Assert.Contains("default rolling window of 7d", note.Message, StringComparison.Ordinal);
        Assert.Contains("SloBot:Catalog:DefaultWindow", note.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("failure", "(job:error_ratio:rate5m{job=\"api\"})")]
    [InlineData("success", "(1 - (job:error_ratio:rate5m{job=\"api\"}))")]
    public void Read_RatioMetricRaw_IsAGaugeRatioWithNoEventCounts(string rawType, string bad)
    {
        var text = """
            apiVersion: openslo/v1
            kind: SLI
            metadata: {name: api-ratio}
            spec:
              ratioMetric:
                rawType: RAWTYPE
                raw: {metricSource: {type: Prometheus, spec: {query: 'job:error_ratio:rate5m{job="api"}'}}}
            ---
            apiVersion: openslo/v1
            kind: SLO
            metadata: {name: availability}
            spec: {service: api, indicatorRef: api-ratio, timeWindow: [{duration: 30d, isRolling: true}], objectives: [{target: 0.99}]}
            """.Replace("RAWTYPE", rawType, StringComparison.Ordinal);

        var slo = Assert.Single(CatalogReader.Read("raw.yaml", text).Services.SelectMany(s => s.Slos));

        Assert.True(slo.Indicator.RatioOnly);
        Assert.Equal(SliQueryKind.Gauge, slo.Indicator.Kind);
        Assert.Equal(bad, slo.Indicator.Bad);
        Assert.Equal("((job:error_ratio:rate5m{job=\"api\"}) * 0 + 1)", slo.Indicator.Total);
    }

    [Fact]
    public void Read_ThresholdMetricWithTwoObjectives_TwoLatencySlosOverTheHistogramBuckets()
    {
        const string text = """
            apiVersion: openslo/v1
            kind: SLO
            metadata: {name: latency}
            spec:
              service: search
              timeWindow: [{duration: 28d, isRolling: true}]
              indicator:
                metadata: {name: search-latency}
                spec:
                  thresholdMetric:
                    metricSource:
                      type: Prometheus
                      spec:
                        query: histogram_quantile(0.9, sum by (le) (rate(http_request_duration_seconds_bucket{job="search",le!=""}[5m])))
              objectives:
                - {displayName: p90, op: lte, value: 0.2, target: 0.9}
                - {displayName: p99, op: lt, value: 0.8, target: 0.99}
            """;

        var catalog = CatalogReader.Read("latency.yaml", text);

        Assert.Empty(catalog.Problems);
        var slos = Assert.Single(catalog.Services).Slos;
        Assert.Equal(["latency-p90", "latency-p99"], slos.Select(s => s.Name));
        Assert.Equal("http_request_duration_seconds_bucket{job=\"search\",le=~\"0*\\\\.20*|2e-01\"}", slos[0].Indicator.Good);
        Assert.Equal("http_request_duration_seconds_bucket{job=\"search\",le=\"+Inf\"}", slos[0].Indicator.Total);
        Assert.Equal(0.8, slos[1].Indicator.Latency!.Seconds);
        Assert.Equal(SliQueryKind.Counter, slos[1].Indicator.Kind);
    }

    [Theory]
    [InlineData("type: Datadog", "metricSource.type", "'Datadog' is not supported")]
    [InlineData("type: NewRelic", "metricSource.type", "'NewRelic' is not supported")]
    public void Read_NonPrometheusSource_IsAProblemWithAHint(string type, string field, string message)
    {
        var text = OpenSloCatalogTests.ReplaceFirst(OpenSloCatalogTests.InlineSlo, "type: Prometheus", type);

        var problem = Assert.Single(CatalogReader.Read("dd.yaml", text).Problems);

        Assert.EndsWith(field, problem.Field, StringComparison.Ordinal);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
        Assert.NotNull(problem.Hint);
    }

    [Fact]
    public void Read_SlothVictoriaMetricsFunctionAndMathsChangingPlugin_AreRefusedPerSlo()
    {
        const string text = """
            apiVersion: sloth.slok.dev/v1
            kind: PrometheusServiceLevel
            metadata: {name: svc, namespace: ns}
            spec:
              service: svc
              slos:
                - name: vm
                  objective: 90
                  sli:
                    events:
                      errorQuery: 1 - histogram_share(0.2, sum by (vmrange) (rate(d_bucket[{{.window}}])))
                      totalQuery: vector(1)
                  alerting: {name: VmAlert}
                - name: corrected
                  objective: 99.9
                  plugins:
                    chain:
                      - id: sloth.dev/contrib/denominator_corrected_rules/v1
                  sli:
                    events:
                      errorQuery: sum(rate(e[{{.window}}]))
                      totalQuery: sum(rate(t[{{.window}}]))
                  alerting: {name: A}
                - name: fine  # a comment after the name
                  objective: 99
                  plugins:
                    chain: [{id: sloth.dev/core/debug/v1}]
                  sli:
                    events:
                      errorQuery: |
                        sum(rate(e[{{.window}}])) # errors only
                      totalQuery: sum(rate(t[{{.window}}]))
                  alerting:
                    name: Fine
                    pageAlert: {labels: {severity: page}}
                    ticketAlert: {disable: true}
            """;

        var catalog = CatalogReader.Read("sloth.yaml", text);

        Assert.Equal(["slos[0].sli.events.errorQuery", "slos[1].plugins.chain[0].id"], catalog.Problems.Select(p => p.Field));
        Assert.Contains("histogram_share", catalog.Problems[0].Message, StringComparison.Ordinal);
        var fine = Assert.Single(Assert.Single(catalog.Services).Slos);
        Assert.Equal("sum(rate(e[{{.window}}]))", fine.Indicator.Bad);
        Assert.Contains(catalog.Notes, n => n.Field == "slos[2].alerting");
        Assert.Contains(catalog.Notes, n => n.Field == "slos[2].plugins.chain[0].id");
    }

    [Fact]
    public void Read_SlothSliPlugin_IsAProblemWithTheId()
    {
        const string text = "version: prometheus/v1\nservice: s\nslos:\n  - name: p\n    objective: 99\n    sli:\n      plugin:\n        id: sloth-common/kubernetes/apiserver/availability\n";

        var problem = Assert.Single(CatalogReader.Read("p.yaml", text).Problems);

        Assert.Equal(("slos[0].sli.plugin", 8), (problem.Field, problem.Line));
        Assert.Contains("sloth-common/kubernetes/apiserver/availability", problem.Message, StringComparison.Ordinal);
    }
}
