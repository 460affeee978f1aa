using SloBot.Core.Catalog;
using SloBot.Core.Sli;

namespace SloBot.Core.Design;

/// <summary>
/// Which of an SLO's multi-window burn-rate alerts fire now (the same rules <c>/slo design</c> writes for Prometheus):
/// the most urgent rule whose long and short windows both burn strictly faster than its factor.
/// </summary>
public sealed record BurnRateEvaluation(SloDefinition Slo, BurnRateAlert? Firing, IReadOnlyList<(BurnRateAlert Rule, double LongRate, double ShortRate)> Rules)
{
    /// <summary>"page", "ticket" or "ok".</summary>
    public string Severity => Firing?.Severity ?? "ok";

    public static BurnRateEvaluation Evaluate(SloDefinition slo, SliCounts counts)
    {
        var allowed = 1 - slo.Target;
        var rules = BurnRateAlerts.For(slo.Window)
            .Select(rule => (rule, Rate(counts.Get(slo.Id, rule.LongWindow), allowed), Rate(counts.Get(slo.Id, rule.ShortWindow), allowed)))
            .ToArray();
        var firing = rules.Where(r => r.Item2 > r.rule.Factor && r.Item3 > r.rule.Factor).Select(r => r.rule).FirstOrDefault();
        return new BurnRateEvaluation(slo, firing, rules);
    }

    /// <summary>Every window the rules read, for one batched source call.</summary>
    public static IReadOnlyList<TimeSpan> Windows(IEnumerable<SloDefinition> slos) =>
        slos.SelectMany(s => BurnRateAlerts.Windows(BurnRateAlerts.For(s.Window))).Distinct().Order().ToArray();

    private static double Rate(EventCounts counts, double allowed) => allowed > 0 && counts.HasEvents ? counts.ErrorRatio / allowed : 0;
}
