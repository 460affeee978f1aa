using SloBot.Core.Catalog;
using SloBot.Core.Design;
using SloBot.IntegrationTests.Design;
using SloBot.Sli.Prometheus;
using Xunit;

namespace SloBot.IntegrationTests.Catalog;

/// <summary>
/// Sloth's <c>alerting</c> section in <c>slobot rules</c> (issue 11): the alert is named <c>alerting.name</c>, page and ticket
/// are two alerts of that name told apart by <c>sloth_severity</c>, <c>alerting.labels</c> then the alert's own labels are
/// merged over SloBot's, annotations likewise, and a disabled alert is left out — as Sloth writes them. Known answers: the
/// alert groups against golden files, <c>promtool check rules</c>, and <c>promtool test rules</c> firing the alerts.
/// </summary>
public sealed class SlothAlertingRulesTests
{
    /// <summary>A plain Sloth file in the shape of Sloth's getting-started example (our own service and metrics).</summary>
    internal const string PlainFile = """
        version: "prometheus/v1"
        service: "orders"
        labels:
          owner: "team-orders"
          tier: "2"
        slos:
          - name: "http-availability"
            objective: 99.5
            description: "Order API responses that are not 5xx."
            labels:
              category: availability
            sli:
              events:
                error_query: sum(rate(orders_http_requests_total{code=~"5.."}[{{.window}}]))
                total_query: sum(rate(orders_http_requests_total[{{.window}}]))
            alerting:
              name: OrdersHighErrorRate
              labels:
                category: "availability"
              annotations:
                summary: "High error rate on orders API responses"
              page_alert:
                labels:
                  severity: pageteam
                  routing_key: orders-oncall
              ticket_alert:
                labels:
                  severity: "slack"
                  slack_channel: "#orders-alerts"
        """;

    /// <summary>Sloth's Kubernetes CRD (camelCase): the ticket alert disabled, the page alert's annotation over the SLO's.</summary>
    internal const string Crd = """
        apiVersion: sloth.slok.dev/v1
        kind: PrometheusServiceLevel
        metadata:
          name: billing-slos
          namespace: billing
        spec:
          service: "billing"
          labels:
            owner: "team-billing"
          slos:
            - name: "invoices"
              objective: 99.9
              labels:
                journey: checkout
              sli:
                events:
                  errorQuery: sum(rate(billing_invoices_total{result="error"}[{{.window}}]))
                  totalQuery: sum(rate(billing_invoices_total[{{.window}}]))
              alerting:
                name: BillingInvoicesBudgetBurn
                labels:
                  team: billing
                annotations:
                  runbook: "https://runbooks.example/billing/invoices"
                  summary: "{{$labels.sloth_service}} invoices fail too often"
                pageAlert:
                  labels:
                    severity: critical
                  annotations:
                    summary: "Invoices are failing fast: page"
                ticketAlert:
                  disable: true
            - name: "no-alerts"
              objective: 99
              sli:
                events:
                  errorQuery: sum(rate(billing_invoices_total{result="error"}[{{.window}}]))
                  totalQuery: sum(rate(billing_invoices_total[{{.window}}]))
              alerting:
                pageAlert: {disable: true}
                ticketAlert: {disable: true}
        """;

    private static IReadOnlyList<ServiceDefinition> Load(string file, string text)
    {
        var catalog = CatalogReader.Read(file, text);
        Assert.DoesNotContain(catalog.Problems, p => p.Severity != CatalogSeverity.Note);
        return catalog.Services;
    }

    private static string AlertGroups(IReadOnlyList<ServiceDefinition> services) =>
        PrometheusRulesWriter.WriteGroups(CatalogRules.Build(services, PromQlPreview.ForWindow).Where(g => g.Name.StartsWith("sloth-slo-alerts-", StringComparison.Ordinal)).ToArray());

    [Theory]
    [InlineData("orders.yaml", "sloth-plain.alerts.golden.yaml")]
    [InlineData("billing.yaml", "sloth-crd.alerts.golden.yaml")]
    public async Task Rules_SlothAlerting_AlertGroupsAreTheGoldenOnesAndPassPromtool(string file, string golden)
    {
        var text = file == "orders.yaml" ? PlainFile : Crd;
        var services = Load(file, text);
        using var dir = new TempDir();

        var actual = AlertGroups(services);
        var rules = dir.Write("rules.yaml", CatalogRules.Write(services, file, PromQlPreview.ForWindow));

        var expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Catalog", "testdata", golden));
        Assert.True(expected == actual, $"{golden} differs; the alert groups written now:\n{actual}");
        var (code, output) = await Promtool.RunAsync(dir.Path, "check", "rules", rules);
        Assert.True(code == 0, output + File.ReadAllText(rules));
    }

    [Fact]
    public void Rules_BothAlertsDisabled_NoAlertGroupForThatSloOnly()
    {
        var groups = CatalogRules.Build(Load("billing.yaml", Crd), PromQlPreview.ForWindow).Select(g => g.Name).ToArray();

        Assert.Contains("sloth-slo-alerts-billing-invoices", groups);
        Assert.DoesNotContain("sloth-slo-alerts-billing-no-alerts", groups);
        Assert.Contains("sloth-slo-sli-recordings-billing-no-alerts", groups);
    }

    [Fact]
    public async Task TestRules_AllRequestsFail_BothSlothAlertsFireWithTheSpecsNameLabelsAndAnnotations()
    {
        using var dir = new TempDir();
        dir.Write("rules.yaml", CatalogRules.Write(Load("orders.yaml", PlainFile), "orders", PromQlPreview.ForWindow));
        var test = """
            rule_files: [rules.yaml]
            evaluation_interval: 1m
            tests:
              - interval: 1m
                input_series:
                  - series: 'orders_http_requests_total{code="500"}'
                    values: '0+10x120'
                alert_rule_test:
                  - eval_time: 90m
                    alertname: OrdersHighErrorRate
                    exp_alerts:
                      - exp_labels: {severity: pageteam, routing_key: orders-oncall, category: availability, sloth_severity: page, sloth_id: orders-http-availability, sloth_service: orders, sloth_slo: http-availability, owner: team-orders, tier: "2"}
                        exp_annotations:
                          title: '(page) orders http-availability SLO error budget burn rate is too fast.'
                          summary: 'High error rate on orders API responses'
                      - exp_labels: {severity: slack, slack_channel: "#orders-alerts", category: availability, sloth_severity: ticket, sloth_id: orders-http-availability, sloth_service: orders, sloth_slo: http-availability, owner: team-orders, tier: "2"}
                        exp_annotations:
                          title: '(ticket) orders http-availability SLO error budget burn rate is too fast.'
                          summary: 'High error rate on orders API responses'
            """;
        var file = dir.Write("test.yaml", test);

        var (code, output) = await Promtool.RunAsync(dir.Path, "test", "rules", file);

        Assert.True(code == 0, output + File.ReadAllText(Path.Combine(dir.Path, "rules.yaml")));
    }
}
