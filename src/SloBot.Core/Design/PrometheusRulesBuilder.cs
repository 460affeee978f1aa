using SloBot.Core.Tiers;
using System.Globalization;
using SloBot.Core.Budgets;

namespace SloBot.Core.Design;

/// <summary>
/// The rules for a specification, named like Sloth's (notes §2.3) so its dashboards and SloBot's Prometheus source read
/// them: per SLO a group of SLI recordings (<c>slo:sli_error:ratio_rate&lt;window&gt;</c> for every alert window and the
/// period), a group of meta recordings (objective, budget, burn rates, remaining budget) and a group with one alert per
/// burn-rate pair (both windows above factor × budget). The period ratio is a ratio of event counts (sums of recorded
/// 5-minute rates), never an average of short-window ratios. Groups use the global evaluation interval, as Sloth's do.
/// </summary>
public static class PrometheusRulesBuilder
{
    public const string BadEvents = "slo:sli_bad_events:rate5m";
    public const string TotalEvents = "slo:sli_total_events:rate5m";

    /// <summary>
    /// Events over the history step before each evaluation (<c>slo:sli_bad_events:increase1h</c> for a 30-day window, whose
    /// history has hourly buckets; <c>increase14m</c> for 7 days), recorded by <c>slobot rules</c> so the history (coverage,
    /// the hour-by-hour exhaustion projection) reads one sample per SLO and bucket instead of rescanning the window's counters.
    /// </summary>
    public static string BadEventsOver(TimeSpan step) => "slo:sli_bad_events:increase" + SloWindow.Format(step);

    /// <inheritdoc cref="BadEventsOver"/>
    public static string TotalEventsOver(TimeSpan step) => "slo:sli_total_events:increase" + SloWindow.Format(step);

    /// <summary>Matches every name of <see cref="BadEventsOver"/> and <see cref="TotalEventsOver"/> (a PromQL regex).</summary>
    public const string EventsOverPattern = "slo:sli_(bad|total)_events:increase.+";

    public static IReadOnlyList<PrometheusRuleGroup> Build(SloSpecification spec) =>
        spec.Slos.SelectMany(slo => Groups(spec, slo)).ToArray();

    public static string ErrorRatioRecord(TimeSpan window) => $"slo:sli_error:ratio_rate{SloWindow.Format(window)}";

    public static string AlertName(DesignedSlo slo) => Pascal(slo.Definition.Service) + Pascal(slo.Name) + "ErrorBudgetBurn";

    private static IEnumerable<PrometheusRuleGroup> Groups(SloSpecification spec, DesignedSlo slo)
    {
        var ids = Ids(slo);
        var selector = $"{{sloth_id=\"{slo.Id}\", sloth_service=\"{slo.Definition.Service}\", sloth_slo=\"{slo.Name}\"}}";
        var window = slo.Definition.Window;
        var query = slo.Definition.Indicator;
        var five = TimeSpan.FromMinutes(5);

        var sli = new List<PrometheusRule>();
        foreach (var w in BurnRateAlerts.Windows(spec.BurnRateAlerts))
            sli.Add(new RecordingRule(ErrorRatioRecord(w), SliPromQl.ErrorRatio(query, w), With(ids, ("sloth_window", SloWindow.Format(w)))));
        sli.Add(new RecordingRule(BadEvents, SliPromQl.BadRate(query, five), ids));
        sli.Add(new RecordingRule(TotalEvents, SliPromQl.TotalRate(query, five), ids));
        var period = SloWindow.Format(window);
        sli.Add(new RecordingRule(ErrorRatioRecord(window),
            $"sum_over_time({BadEvents}{selector}[{period}])\n/\nsum_over_time({TotalEvents}{selector}[{period}])",
            With(ids, ("sloth_window", period))));
        yield return new PrometheusRuleGroup($"slobot-slo-sli-recordings-{slo.Id}", null, sli);

        var on = "on(sloth_id, sloth_slo, sloth_service) group_left";
        yield return new PrometheusRuleGroup($"slobot-slo-meta-recordings-{slo.Id}", null,
        [
            new RecordingRule("slo:objective:ratio", $"vector({Number(slo.Definition.Target)})", ids),
            new RecordingRule("slo:error_budget:ratio", $"vector({Number(slo.ErrorBudget)})", ids),
            new RecordingRule("slo:time_period:days", $"vector({Number(window.TotalDays)})", ids),
            new RecordingRule("slo:current_burn_rate:ratio", $"{ErrorRatioRecord(five)}{selector}\n/ {on}\nslo:error_budget:ratio{selector}", ids),
            new RecordingRule("slo:period_burn_rate:ratio", $"{ErrorRatioRecord(window)}{selector}\n/ {on}\nslo:error_budget:ratio{selector}", ids),
            new RecordingRule("slo:period_error_budget_remaining:ratio", $"1 - slo:period_burn_rate:ratio{selector}", ids),
            new RecordingRule("slobot_slo_info", "vector(1)", With(ids, ("slobot_tier", spec.Tier.ToWord()), ("slobot_objective", Number(slo.Definition.Target * 100)))),
        ]);

        var alerts = spec.BurnRateAlerts.Select(pair => (PrometheusRule)Alert(slo, pair, selector, ids)).ToArray();
        yield return new PrometheusRuleGroup($"slobot-slo-alerts-{slo.Id}", null, alerts);
    }

    private static AlertingRule Alert(DesignedSlo slo, BurnRateAlert pair, string selector, IReadOnlyDictionary<string, string> ids)
    {
        var threshold = $"({Number(pair.Factor)} * {Number(slo.ErrorBudget)})";
        var expr =
            $"(\n  max({ErrorRatioRecord(pair.LongWindow)}{selector} > {threshold}) without (sloth_window)\n" +
            $"  and\n  max({ErrorRatioRecord(pair.ShortWindow)}{selector} > {threshold}) without (sloth_window)\n)";
        var labels = With(ids,
            ("severity", pair.Severity),
            ("sloth_severity", pair.Severity),
            ("long_window", SloWindow.Format(pair.LongWindow)),
            ("short_window", SloWindow.Format(pair.ShortWindow)));
        var days = slo.Definition.Window.TotalDays.ToString("0.##", CultureInfo.InvariantCulture);
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["title"] = $"({pair.Severity}) {slo.Definition.Service} {slo.Name} SLO error budget burn rate is too fast.",
            ["summary"] = $"{slo.DisplayName}: errors are burning the budget faster than {Number(pair.Factor)}x over {SloWindow.Format(pair.LongWindow)} " +
                          $"and {SloWindow.Format(pair.ShortWindow)}; {Number(pair.BudgetConsumed * 100)} % of the {days}-day budget is gone in " +
                          $"{SloWindow.Format(pair.LongWindow)} at this rate.",
        };
        return new AlertingRule(AlertName(slo), expr, labels, annotations, pair, slo.Id);
    }

    private static Dictionary<string, string> Ids(DesignedSlo slo) => new(StringComparer.Ordinal)
    {
        ["sloth_id"] = slo.Id,
        ["sloth_service"] = slo.Definition.Service,
        ["sloth_slo"] = slo.Name,
    };

    private static Dictionary<string, string> With(IReadOnlyDictionary<string, string> labels, params (string Key, string Value)[] more)
    {
        var copy = new Dictionary<string, string>(labels, StringComparer.Ordinal);
        foreach (var (k, v) in more)
            copy[k] = v;
        return copy;
    }

    /// <summary>The shortest exact spelling of a number: 0.9995, 14.4, 30.</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Pascal(string name) => string.Concat(name.Split(['-', '_', '.', ' '], StringSplitOptions.RemoveEmptyEntries)
        .Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
}
