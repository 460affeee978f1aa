namespace SloBot.Core.Design;

/// <summary>A Prometheus rules file as data: what <see cref="PrometheusRulesWriter"/> writes and tests reason about.</summary>
public sealed record PrometheusRuleGroup(string Name, TimeSpan? Interval, IReadOnlyList<PrometheusRule> Rules);

public abstract record PrometheusRule(string Expr, IReadOnlyDictionary<string, string> Labels);

public sealed record RecordingRule(string Record, string Expr, IReadOnlyDictionary<string, string> Labels) : PrometheusRule(Expr, Labels);

/// <summary>An alert of one burn-rate pair; <see cref="Pair"/> says which.</summary>
public sealed record AlertingRule(string Alert, string Expr, IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations, BurnRateAlert Pair, string SloId)
    : PrometheusRule(Expr, Labels);
