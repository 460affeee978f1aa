using SloBot.Core.Catalog;
using Xunit;

namespace SloBot.Core.Tests.Catalog;

public class OpenSloCatalogTests
{
    internal const string InlineSlo = """
        apiVersion: openslo/v1
        kind: SLO
        metadata:
          name: availability
        spec:
          service: payment
          budgetingMethod: Occurrences
          timeWindow:
            - duration: 28d
              isRolling: true
          indicator:
            metadata:
              name: payment-availability
            spec:
              ratioMetric:
                counter: true
                good:
                  metricSource:
                    type: Prometheus
                    spec:
                      query: sum(http_requests_total{code!~"5.."})
                total:
                  metricSource:
                    type: Prometheus
                    spec:
                      query: sum(http_requests_total)
          objectives:
            - displayName: availability
              target: 0.999
        """;

    [Fact]
    public void Read_InlineRatioIndicator_BuildsCounterSloAndCreatesService()
    {
        var catalog = CatalogReader.Read("payment.yaml", InlineSlo);

        Assert.Empty(catalog.Problems);
        var service = Assert.Single(catalog.Services);
        Assert.Equal("payment", service.Name);
        var slo = Assert.Single(service.Slos);
        Assert.Equal(new SloId("payment", "availability"), slo.Id);
        Assert.Equal(0.999, slo.Target);
        Assert.Equal(TimeSpan.FromDays(28), slo.Window);
        Assert.Equal(SliQueryKind.Counter, slo.Indicator.Kind);
        Assert.Equal("sum(http_requests_total{code!~\"5..\"})", slo.Indicator.Good);
        Assert.Null(slo.Indicator.Bad);
        Assert.Equal("sum(http_requests_total)", slo.Indicator.Total);
        Assert.Equal("payment.yaml", slo.SourceFile);
    }

    [Fact]
    public void Read_IndicatorRefInAnotherFile_ResolvesAcrossFiles()
    {
        var sli = """
            apiVersion: openslo/v1
            kind: SLI
            metadata:
              name: errors
            spec:
              ratioMetric:
                bad:
                  metricSource:
                    spec:
                      queryType: promql
                      query: sum(rate(errors_total[{{.window}}]))
                total:
                  metricSource:
                    spec:
                      query: sum(rate(requests_total[{{.window}}]))
            """;
        var slo = """
            apiVersion: openslo/v1
            kind: SLO
            metadata: {name: errors}
            spec:
              service: search
              indicatorRef: errors
              timeWindow: [{duration: 1w, isRolling: true}]
              budgetingMethod: Occurrences
              objectives: [{targetPercent: 99.5}]
            """;

        var catalog = new CatalogReader().Add("slo.yaml", slo).Add("sli.yaml", sli).Build();

        Assert.Empty(catalog.Problems);
        var s = Assert.Single(Assert.Single(catalog.Services).Slos);
        Assert.Equal(SliQueryKind.WindowTemplate, s.Indicator.Kind);
        Assert.Equal("sum(rate(errors_total[{{.window}}]))", s.Indicator.Bad);
        Assert.Equal(0.995, s.Target, 12);
        Assert.Equal(TimeSpan.FromDays(7), s.Window);
    }

    [Fact]
    public void Read_SeveralObjectives_OneSloPerObjectiveNamedAfterIt()
    {
        var text = InlineSlo.Replace("""
                - displayName: availability
                  target: 0.999
            """, """
                - displayName: Strict Target
                  target: 0.999
                - targetPercent: 99
                - displayName: strict target
                  target: 0.95
            """, StringComparison.Ordinal);

        var catalog = CatalogReader.Read("p.yaml", text);

        Assert.Empty(catalog.Problems);
        var slos = Assert.Single(catalog.Services).Slos;
        Assert.Equal(["availability-strict-target", "availability-99", "availability-strict-target-2"], slos.Select(s => s.Name));
        Assert.Equal([0.999, 0.99, 0.95], slos.Select(s => Math.Round(s.Target, 9)));
    }

    [Fact]
    public void Read_ServiceDocument_CarriesMetadataFromLabelsAndAnnotations()
    {
        var text = """
            apiVersion: openslo/v1
            kind: Service
            metadata:
              name: payment
              labels:
                slobot.io/tier: critical
                team: [U1, U2]
              annotations:
                slobot.io/channel: "#pay"
                slobot.io/dependencies: "db, fraud"
            spec:
              description: Payments
            ---
            """ + "\n" + InlineSlo;

        var service = Assert.Single(CatalogReader.Read("p.yaml", text).Services);

        Assert.Equal("critical", service.Tier);
        Assert.Equal(["U1", "U2"], service.OwnerIds);
        Assert.Equal("#pay", service.Channel);
        Assert.Equal(["db", "fraud"], service.DependencyNames);
        Assert.Equal("Payments", service.Description);
        Assert.Single(service.Slos);
    }

    [Fact]
    public void Read_ServiceWithoutSlos_IsListedWithNone()
    {
        var catalog = CatalogReader.Read("s.yaml", "apiVersion: openslo/v1\nkind: Service\nmetadata: {name: cart}\nspec: {description: Cart}\n");

        Assert.Empty(catalog.Problems);
        Assert.Empty(Assert.Single(catalog.Services).Slos);
    }

    [Theory]
    [InlineData("duration: 28d", "duration: 1M", "spec.timeWindow[0].duration", "has no fixed length")]
    [InlineData("isRolling: true", "isRolling: maybe", "spec.timeWindow[0].isRolling", "must be true or false")]
    [InlineData("budgetingMethod: Occurrences", "budgetingMethod: Ocurrences", "spec.budgetingMethod", "not a budgeting method")]
    [InlineData("target: 0.999", "target: 1", "spec.objectives[0].target", "out of range")]
    [InlineData("counter: true", "counter: false", "spec.indicator.spec.ratioMetric.counter", "{{.window}}")]
    [InlineData("type: Prometheus\n", "type: Datadog\n", "spec.indicator.spec.ratioMetric.good.metricSource.type", "Datadog")]
    [InlineData("service: payment", "servce: payment", "spec.service", "is missing")]
    public void Read_BrokenField_ReportsFileLineAndField(string from, string to, string field, string message)
    {
        var text = ReplaceFirst(InlineSlo, from, to);

        var catalog = CatalogReader.Read("broken.yaml", text);

        var problem = Assert.Single(catalog.Problems, p => p.Severity == CatalogSeverity.Error);
        Assert.Equal("broken.yaml", problem.File);
        Assert.Equal(field, problem.Field);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
        var expectedLine = LineOf(text, to.Split(':')[0].Trim());
        Assert.True(problem.Line is { } l && Math.Abs(l - expectedLine) <= 1, $"line {problem.Line}, expected near {expectedLine}: {problem}");
        Assert.DoesNotContain(catalog.Services.SelectMany(s => s.Slos), s => s.Name == "availability");
    }

    [Fact]
    public void Read_UnknownIndicatorRef_SuggestsTheClosestSli()
    {
        var text = """
            apiVersion: openslo/v1
            kind: SLI
            metadata: {name: payment-errors}
            spec:
              ratioMetric:
                counter: true
                bad: {metricSource: {spec: {query: errors_total}}}
                total: {metricSource: {spec: {query: requests_total}}}
            ---
            apiVersion: openslo/v1
            kind: SLO
            metadata: {name: availability}
            spec:
              service: payment
              indicatorRef: payment-eror
              timeWindow: [{duration: 30d, isRolling: true}]
              objectives: [{target: 0.99}]
            """;

        var problem = Assert.Single(CatalogReader.Read("p.yaml", text).Problems);

        Assert.Equal("spec.indicatorRef", problem.Field);
        Assert.Equal(15, problem.Line);
        Assert.Contains("no SLI named 'payment-eror' in the catalog — did you mean `payment-errors`?", problem.Message, StringComparison.Ordinal);
    }

    internal static string ReplaceFirst(string text, string from, string to)
    {
        var i = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(i >= 0, $"'{from}' not in the sample");
        return text[..i] + to + text[(i + from.Length)..];
    }

    internal static int LineOf(string text, string start) =>
        text.Split('\n').Select((l, i) => (l, i)).First(x => x.l.TrimStart(' ', '-').StartsWith(start, StringComparison.Ordinal)).i + 1;
}
