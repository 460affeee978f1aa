using SloBot.Core.Design;
using SloBot.Core.Tiers;
using Xunit;

namespace SloBot.IntegrationTests.Design;

/// <summary>The rules <c>/slo design</c> generates, checked and exercised by the real promtool.</summary>
public sealed class GeneratedRulesPromtoolTests
{
    private static SloSpecification Spec(ServiceTier tier) => SloDesigner.Design(new DesignRequest(
        "payment", tier, "option", null, [new DependencySlo("database", 99.99, "SLO availability")]));

    private static AlertingRule[] AvailabilityAlerts(SloSpecification spec) => PrometheusRulesBuilder.Build(spec)
        .SelectMany(g => g.Rules).OfType<AlertingRule>().Where(a => a.SloId == spec.Availability.Id).ToArray();

    [Theory]
    [InlineData(ServiceTier.Critical)]
    [InlineData(ServiceTier.Essential)]
    [InlineData(ServiceTier.Standard)]
    [InlineData(ServiceTier.BestEffort)]
    public async Task CheckRules_GeneratedRulesOfEveryTier_AreValid(ServiceTier tier)
    {
        using var dir = new TempDir();
        dir.Write("rules.yaml", PrometheusRulesWriter.Write(Spec(tier)));

        var (exit, output) = await Promtool.RunAsync(dir.Path, "check", "rules", "rules.yaml");

        Assert.True(exit == 0, output);
        Assert.Contains("SUCCESS: 42 rules found", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestRules_EachPairFiresJustAboveItsFactorAndNoneAtHalfTheLowest()
    {
        var spec = Spec(ServiceTier.Critical);
        var alerts = AvailabilityAlerts(spec);
        var pairs = alerts.Select(a => a.Pair).ToArray();
        Assert.Equal([14.4, 6, 3, 1], pairs.Select(p => p.Factor));
        var scenarios = new List<BurnScenario>();
        foreach (var pair in pairs)
        {
            var above = new BurnScenario($"{pair.Severity} {pair.LongWindow}/{pair.ShortWindow}: burn 1.05 x {pair.Factor}", pair.Factor * 1.05, pair.LongWindow, []);
            var below = new BurnScenario($"{pair.Severity} {pair.LongWindow}/{pair.ShortWindow}: burn 0.95 x {pair.Factor}", pair.Factor * 0.95, pair.LongWindow, []);
            Assert.Contains(pair, above.ExpectedFiring(pairs, pair.LongWindow));
            Assert.DoesNotContain(pair, below.ExpectedFiring(pairs, pair.LongWindow));
            scenarios.Add(above);
            scenarios.Add(below);
        }

        var lowest = pairs.Min(p => p.Factor);
        var half = new BurnScenario($"half of the lowest factor ({lowest / 2})", lowest / 2, TimeSpan.FromDays(3),
            pairs.Select(p => p.LongWindow).ToArray());
        Assert.Empty(pairs.SelectMany(p => half.ExpectedFiring(pairs, p.LongWindow)));
        scenarios.Add(half);

        using var dir = new TempDir();
        dir.Write("rules.yaml", PrometheusRulesWriter.Write(spec));
        dir.Write("tests.yaml", BurnScenario.File("rules.yaml", PrometheusRulesBuilder.Build(spec), scenarios.Select(s => s.TestYaml(spec, alerts))));

        var (exit, output) = await Promtool.RunAsync(dir.Path, "test", "rules", "tests.yaml");

        Assert.True(exit == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestRules_WrongExpectation_IsCaughtByPromtool()
    {
        // The control for the test above: claiming that nothing fires at 1.05 x 14.4 over 1 h must fail.
        var spec = Spec(ServiceTier.Critical);
        var alerts = AvailabilityAlerts(spec);
        var page = new BurnScenario("page, wrongly expected silent", 14.4 * 1.05, TimeSpan.FromHours(1), []);

        using var dir = new TempDir();
        dir.Write("rules.yaml", PrometheusRulesWriter.Write(spec));
        dir.Write("tests.yaml", BurnScenario.File("rules.yaml", PrometheusRulesBuilder.Build(spec), [page.TestYaml(spec, alerts, (_, _) => [])]));

        var (exit, output) = await Promtool.RunAsync(dir.Path, "test", "rules", "tests.yaml");

        Assert.NotEqual(0, exit);
        Assert.Contains(alerts[0].Alert, output, StringComparison.Ordinal);
        Assert.Contains("long_window=\"1h\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestRules_LatencySli_IsTheShareOfRequestsSlowerThanTheThreshold()
    {
        // 1,000 requests a minute of which 980 are within 100 ms (the critical tier's p99): 2 % are slow.
        var spec = Spec(ServiceTier.Critical);
        var groups = PrometheusRulesBuilder.Build(spec);
        var test = """
              - interval: 1m
                input_series:
                  - series: 'http_request_duration_seconds_bucket{service="payment",le="0.1"}'
                    values: '0+980x180'
                  - series: 'http_request_duration_seconds_bucket{service="payment",le="+Inf"}'
                    values: '0+1000x180'
                  - series: 'http_request_duration_seconds_count{service="payment"}'
                    values: '0+1000x180'
                promql_expr_test:
                  - expr: round(slo:sli_error:ratio_rate1h{sloth_slo="latency"}, 0.0001)
                    eval_time: 2h
                    exp_samples:
                      - labels: '{sloth_id="payment-latency", sloth_service="payment", sloth_slo="latency", sloth_window="1h"}'
                        value: 0.02
                  - expr: round(slo:current_burn_rate:ratio{sloth_slo="latency"}, 0.0001)
                    eval_time: 2h
                    exp_samples:
                      - labels: '{sloth_id="payment-latency", sloth_service="payment", sloth_slo="latency", sloth_window="5m"}'
                        value: 2
            """;

        using var dir = new TempDir();
        dir.Write("rules.yaml", PrometheusRulesWriter.Write(spec));
        dir.Write("tests.yaml", BurnScenario.File("rules.yaml", groups, [test + "\n"]));

        var (exit, output) = await Promtool.RunAsync(dir.Path, "test", "rules", "tests.yaml");

        Assert.True(exit == 0, output);
    }
}
