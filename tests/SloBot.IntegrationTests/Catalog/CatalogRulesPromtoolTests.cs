using System.Globalization;
using System.Text;
using SloBot.Core.Catalog;
using SloBot.Core.Design;
using SloBot.IntegrationTests.Design;
using SloBot.Sli.Prometheus;
using Xunit;

namespace SloBot.IntegrationTests.Catalog;

/// <summary>
/// <c>slobot rules</c> / <c>/slo rules</c> (issue 11, "Rules for the catalog as written"): the rules for a catalog of every
/// kind SloBot reads pass <c>promtool check rules</c>, and <c>promtool test rules</c> evaluates them over a day of
/// synthetic series to the values the counts give.
/// </summary>
public sealed class CatalogRulesPromtoolTests
{
    internal const string Catalog = """
        version: prometheus/v1
        service: shop
        labels: {team: web}
        slos:
          - name: requests
            objective: 75
            labels: {tier: gold}
            sli:
              events:
                error_query: sum(rate(shop_requests_total{code="500"}[{{.window}}]))
                total_query: sum(rate(shop_requests_total[{{.window}}]))
        ---
        apiVersion: openslo/v1
        kind: SLO
        metadata: {name: minutes}
        spec:
          service: shop
          budgetingMethod: Timeslices
          timeWindow: [{duration: 1d, isRolling: true}]
          indicator:
            metadata: {name: shop-minutes}
            spec:
              ratioMetric:
                counter: true
                bad: {metricSource: {type: Prometheus, spec: {query: 'sum(shop_flaky_total{code="500"})'}}}
                total: {metricSource: {type: Prometheus, spec: {query: 'sum(shop_flaky_total)'}}}
          objectives: [{target: 0.9, timeSliceTarget: 0.7, timeSliceWindow: 1m}]
        ---
        apiVersion: openslo/v1
        kind: SLO
        metadata: {name: monthly}
        spec:
          service: shop
          timeWindow: [{duration: 1M, isRolling: false, calendar: {startTime: "2024-01-01 00:00:00", timeZone: Europe/Paris}}]
          indicator:
            metadata: {name: shop-monthly}
            spec:
              ratioMetric:
                counter: true
                good: {metricSource: {type: Prometheus, spec: {query: 'sum(shop_requests_total{code!="500"})'}}}
                total: {metricSource: {type: Prometheus, spec: {query: 'sum(shop_requests_total)'}}}
          objectives: [{target: 0.999}]
        ---
        apiVersion: openslo/v1
        kind: SLO
        metadata: {name: latency}
        spec:
          service: shop
          timeWindow: [{duration: 28d, isRolling: true}]
          indicator:
            metadata: {name: shop-latency}
            spec:
              thresholdMetric:
                metricSource: {type: Prometheus, spec: {query: 'shop_duration_seconds_bucket{job="shop"}'}}
          objectives:
            - {displayName: p90, op: lte, value: 0.25, target: 0.9}
            - {displayName: p99, op: lte, value: 1, target: 0.99}
        ---
        apiVersion: openslo/v1
        kind: SLO
        metadata: {name: ratio}
        spec:
          service: shop
          timeWindow: [{duration: 7d, isRolling: true}]
          indicator:
            metadata: {name: shop-ratio}
            spec:
              ratioMetric:
                rawType: failure
                raw: {metricSource: {type: Prometheus, spec: {query: 'shop:error_ratio{job="shop"}'}}}
          objectives: [{target: 0.99}]
        """;

    private static IReadOnlyList<ServiceDefinition> Services()
    {
        var catalog = CatalogReader.Read("shop.yaml", Catalog);
        Assert.DoesNotContain(catalog.Problems, p => p.Severity == CatalogSeverity.Error);
        Assert.Equal(6, Assert.Single(catalog.Services).Slos.Count);
        return catalog.Services;
    }

    [Fact]
    public async Task CheckRules_EveryKindOfCatalogSlo_PassesPromtool()
    {
        using var dir = new TempDir();
        var services = Services();
        var slos = services[0].Slos;
        var file = dir.Write("rules.yaml", CatalogRules.Write(services, "shop", PromQlPreview.ForWindow));

        var (code, output) = await Promtool.RunAsync(dir.Path, "check", "rules", file);

        Assert.True(code == 0, output + File.ReadAllText(file));
        var text = File.ReadAllText(file);
        Assert.Contains("sloth_id: \"shop-latency-p90\"", text, StringComparison.Ordinal);
        Assert.Contains("record: sloth_slo_info", text, StringComparison.Ordinal);
        Assert.Contains("team: \"web\"", text, StringComparison.Ordinal);
        Assert.Contains("tier: \"gold\"", text, StringComparison.Ordinal);
        // Calendar: burn rates and alerts, never a 30-day ratio presented as the month's.
        Assert.Contains("# shop-monthly: calendar window 1M: no period recording", text, StringComparison.Ordinal);
        var monthly = CatalogRules.Build([services[0] with { Slos = [slos.Single(s => s.Name == "monthly")] }], PromQlPreview.ForWindow);
        Assert.DoesNotContain(monthly.SelectMany(g => g.Rules).OfType<RecordingRule>(), r => r.Record is "slo:sli_error:ratio_rate30d" or "slo:period_error_budget_remaining:ratio");
        // Two alerts per SLO, page and ticket, like Sloth.
        Assert.Equal(["page", "ticket"], monthly.SelectMany(g => g.Rules).OfType<AlertingRule>().Select(a => a.Labels["sloth_severity"]));
    }

    [Fact]
    public async Task CheckRules_Kubernetes_IsAPrometheusRuleWhoseSpecPassesPromtool()
    {
        using var dir = new TempDir();
        var text = CatalogRules.WriteKubernetes(Services(), "slobot-shop-slos", "shop", PromQlPreview.ForWindow);
        Assert.Contains("kind: PrometheusRule", text, StringComparison.Ordinal);
        // promtool reads plain rule files: the spec, un-indented, must be one.
        var spec = string.Join("\n", text.Split('\n').SkipWhile(l => l != "spec:").Skip(1).Select(l => l.Length >= 2 ? l[2..] : l));
        var file = dir.Write("spec.yaml", spec);

        var (code, output) = await Promtool.RunAsync(dir.Path, "check", "rules", file);

        Assert.True(code == 0, output + spec);
    }

    [Fact]
    public async Task SloRules_InChat_AttachesRulesWrittenWithThePrometheusSourcesRewriterThatPassPromtool()
    {
        var catalog = CatalogReader.Read("shop.yaml", Catalog);
        using var chat = new SloBot.IntegrationTests.Prometheus.ChatHarness(new Uri("http://127.0.0.1:9/"), catalog, new DateTimeOffset(2026, 1, 15, 0, 0, 0, TimeSpan.Zero));

        var reply = await chat.AskAsync("/slo rules shop");

        Assert.Equal(0, reply.ExitCode);
        Assert.Equal(0, chat.Requests); // rules need no Prometheus
        var attachment = Assert.Single(reply.Attachments);
        Assert.Equal("shop-slo-rules.yaml", attachment.FileName);
        var text = Encoding.UTF8.GetString(attachment.Content);
        // The bare counter in sum(shop_flaky_total) is windowed: the source's rewriter, not the design's brace-only regex.
        Assert.Contains("sum(increase(shop_flaky_total[1m]))", text, StringComparison.Ordinal);
        using var dir = new TempDir();
        var (code, output) = await Promtool.RunAsync(dir.Path, "check", "rules", dir.Write("rules.yaml", text));
        Assert.True(code == 0, output + text);
        Assert.Contains("Calendar SLOs (monthly)", string.Join("\n", reply.Blocks.OfType<SloBot.Chat.Replies.TextBlock>().Select(b => b.Text)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestRules_ADayOfSeries_RecordsTheRatiosTheCountsGive()
    {
        using var dir = new TempDir();
        var rules = dir.Write("rules.yaml", CatalogRules.Write(Services(), "shop", PromQlPreview.ForWindow));
        // shop_requests_total: 4 a minute, 1 of them a 500 (error ratio 0.25 over every window, exactly in floating point).
        // shop_flaky_total: 4 a minute; 2 of them 500 in odd minutes, none in even ones: 1-minute slices alternate 0.5 and 1
        // good, so with a slice target of 0.7 half the slices are bad (error ratio 0.5 over any even number of minutes).
        var flakyBad = new StringBuilder();
        var flakyGood = new StringBuilder();
        for (var i = 0; i <= 1500; i++)
        {
            var bad = (i + 1) / 2 * 2; // +2 in odd minutes, +0 in even ones
            flakyBad.Append(bad.ToString(CultureInfo.InvariantCulture)).Append(' ');
            flakyGood.Append(((4 * i) - bad).ToString(CultureInfo.InvariantCulture)).Append(' ');
        }
        var test = $$"""
            rule_files: [rules.yaml]
            evaluation_interval: 1m
            tests:
              - interval: 1m
                input_series:
                  - series: 'shop_requests_total{code="200"}'
                    values: '0+3x1500'
                  - series: 'shop_requests_total{code="500"}'
                    values: '0+1x1500'
                  - series: 'shop_flaky_total{code="200"}'
                    values: '{{flakyGood.ToString().Trim()}}'
                  - series: 'shop_flaky_total{code="500"}'
                    values: '{{flakyBad.ToString().Trim()}}'
                promql_expr_test:
                  - expr: slo:sli_error:ratio_rate1d{sloth_id="shop-requests"}
                    eval_time: 1440m
                    exp_samples:
                      - labels: 'slo:sli_error:ratio_rate1d{sloth_id="shop-requests",sloth_service="shop",sloth_slo="requests",sloth_window="1d",team="web",tier="gold"}'
                        value: 0.25
                  - expr: slo:sli_error:ratio_rate30d{sloth_id="shop-requests"}
                    eval_time: 1440m
                    exp_samples:
                      - labels: 'slo:sli_error:ratio_rate30d{sloth_id="shop-requests",sloth_service="shop",sloth_slo="requests",sloth_window="30d",team="web",tier="gold"}'
                        value: 0.25
                  - expr: slo:period_error_budget_remaining:ratio{sloth_id="shop-requests"}
                    eval_time: 1440m
                    exp_samples:
                      - labels: 'slo:period_error_budget_remaining:ratio{sloth_id="shop-requests",sloth_service="shop",sloth_slo="requests",sloth_window="30d",team="web",tier="gold"}'
                        value: 0
                  - expr: slo:sli_error:ratio_rate1h{sloth_id="shop-minutes"}
                    eval_time: 1440m
                    exp_samples:
                      - labels: 'slo:sli_error:ratio_rate1h{sloth_id="shop-minutes",sloth_service="shop",sloth_slo="minutes",sloth_window="1h",team="web"}'
                        value: 0.5
                  - expr: slo:sli_error:ratio_rate1d{sloth_id="shop-minutes"}
                    eval_time: 1440m
                    exp_samples:
                      - labels: 'slo:sli_error:ratio_rate1d{sloth_id="shop-minutes",sloth_service="shop",sloth_slo="minutes",sloth_window="1d",team="web"}'
                        value: 0.5
                  - expr: sloth_slo_info{sloth_id="shop-requests"}
                    eval_time: 1440m
                    exp_samples:
                      - labels: 'sloth_slo_info{sloth_id="shop-requests",sloth_service="shop",sloth_slo="requests",sloth_mode="slobot-catalog",sloth_objective="75",slobot_file="shop.yaml",slobot_window="30d",slobot_window_kind="rolling",slobot_budgeting_method="Occurrences",team="web",tier="gold"}'
                        value: 1
                alert_rule_test:
                  - eval_time: 1440m
                    alertname: ShopMinutesErrorBudgetBurn
                    exp_alerts:
                      - exp_labels: {severity: page, sloth_severity: page, sloth_id: shop-minutes, sloth_service: shop, sloth_slo: minutes, team: web}
                        exp_annotations:
                          title: '(page) shop minutes SLO error budget burn rate is too fast.'
                          summary: 'shop/minutes (90 % over 1d): errors burn the budget faster than 0.48x over 1h and 5m.'
                      - exp_labels: {severity: ticket, sloth_severity: ticket, sloth_id: shop-minutes, sloth_service: shop, sloth_slo: minutes, team: web}
                        exp_annotations:
                          title: '(ticket) shop minutes SLO error budget burn rate is too fast.'
                          summary: 'shop/minutes (90 % over 1d): errors burn the budget faster than 0.2x over 6h and 30m, 0.1x over 1d and 2h, 0.0333x over 3d and 6h.'
            """;
        var file = dir.Write("test.yaml", test);

        var (code, output) = await Promtool.RunAsync(dir.Path, "test", "rules", file);

        Assert.True(code == 0, output + File.ReadAllText(rules));
    }
}
