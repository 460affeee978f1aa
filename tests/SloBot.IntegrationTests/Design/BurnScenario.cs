using System.Globalization;
using System.Text;
using SloBot.Core.Budgets;
using SloBot.Core.Design;

namespace SloBot.IntegrationTests.Design;

/// <summary>
/// A promtool unit test: three days of clean traffic (every alert window full of real data), then the
/// availability SLI's errors burn the budget at <see cref="BurnRate"/> for <see cref="BurnFor"/>; the alerts are
/// checked at the end of the burn (and at <see cref="ExtraChecks"/>). Samples every 2 minutes, rules every 10.
/// </summary>
internal sealed record BurnScenario(string Name, double BurnRate, TimeSpan BurnFor, IReadOnlyList<TimeSpan> ExtraChecks)
{
    public static readonly TimeSpan Step = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan LeadIn = TimeSpan.FromDays(3);
    private const double RequestsPerStep = 10_000;

    /// <summary>The pairs that must be firing <paramref name="after"/> the burn started: both windows' average burn above the factor.</summary>
    public IReadOnlyList<BurnRateAlert> ExpectedFiring(IEnumerable<BurnRateAlert> pairs, TimeSpan after) => pairs
        .Where(p => AverageBurn(p.LongWindow, after) > p.Factor && AverageBurn(p.ShortWindow, after) > p.Factor)
        .ToArray();

    /// <summary>Average burn over the window ending <paramref name="after"/> the start (the window lies inside lead-in + burn).</summary>
    private double AverageBurn(TimeSpan window, TimeSpan after)
    {
        var burning = Math.Min(after.TotalMinutes, BurnFor.TotalMinutes);
        var start = Math.Max(0, after.TotalMinutes - window.TotalMinutes);
        var overlap = Math.Max(0, burning - start);
        return BurnRate * overlap / window.TotalMinutes;
    }

    public string TestYaml(SloSpecification spec, IReadOnlyList<AlertingRule> alerts, Func<BurnScenario, TimeSpan, IReadOnlyList<BurnRateAlert>>? expectation = null)
    {
        expectation ??= (s, at) => s.ExpectedFiring(alerts.Select(a => a.Pair), at);
        var slo = spec.Availability;
        var budget = slo.ErrorBudget;
        var lead = (int)(LeadIn / Step);
        var burn = (int)(BurnFor / Step);
        var errors = BurnRate * budget * RequestsPerStep;
        var good = RequestsPerStep - errors;
        var service = spec.Service;
        var sb = new StringBuilder();
        sb.Append("  - name: ").AppendLine(Quote(Name));
        sb.Append("    interval: ").AppendLine(SloWindow.Format(Step));
        sb.AppendLine("    input_series:");
        sb.Append("      - series: ").AppendLine(Quote($"http_requests_total{{service=\"{service}\",code=\"200\"}}"));
        sb.Append("        values: ").AppendLine(Quote($"0+{N(RequestsPerStep)}x{lead} {N(RequestsPerStep * lead + good)}+{N(good)}x{burn - 1}"));
        sb.Append("      - series: ").AppendLine(Quote($"http_requests_total{{service=\"{service}\",code=\"500\"}}"));
        sb.Append("        values: ").AppendLine(Quote($"0x{lead} {N(errors)}+{N(errors)}x{burn - 1}"));
        sb.AppendLine("    alert_rule_test:");
        foreach (var after in ExtraChecks.Append(BurnFor).Distinct().Order())
        {
            sb.Append("      - eval_time: ").AppendLine(SloWindow.Format(LeadIn + after));
            sb.Append("        alertname: ").AppendLine(alerts[0].Alert);
            var firing = expectation(this, after);
            if (firing.Count == 0)
            {
                sb.AppendLine("        exp_alerts: []");
                continue;
            }

            sb.AppendLine("        exp_alerts:");
            foreach (var rule in alerts.Where(a => firing.Contains(a.Pair)))
            {
                sb.AppendLine("          - exp_labels:");
                foreach (var (k, v) in rule.Labels)
                    sb.Append("              ").Append(k).Append(": ").AppendLine(Quote(v));
                sb.AppendLine("            exp_annotations:");
                foreach (var (k, v) in rule.Annotations)
                    sb.Append("              ").Append(k).Append(": ").AppendLine(Quote(v));
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// The test file. <c>group_eval_order</c> keeps promtool from evaluating an alert group before the recordings it
    /// reads (promtool's default order is a map's; with rules every 10m the 5m lookback then finds no recording).
    /// </summary>
    public static string File(string rulesFile, IEnumerable<PrometheusRuleGroup> groups, IEnumerable<string> tests) =>
        $"rule_files:\n  - {rulesFile}\nevaluation_interval: 10m\ngroup_eval_order:\n{string.Concat(groups.Select(g => $"  - {Quote(g.Name)}\n"))}tests:\n{string.Concat(tests)}";

    private static string N(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Quote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
