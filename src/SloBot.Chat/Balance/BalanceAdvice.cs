using SloBot.Chat.Teams;
using SloBot.Core.Balance;
using SloBot.Core.Budgets;

namespace SloBot.Chat.Balance;

/// <summary>
/// Seed 004's <c>calculate_allocation</c> on live budgets: the average gap over the SLOs with data, the split, the hours
/// of <see cref="CapacityHours"/> when known, and SloBot's rationale and recommendations (the document leaves them out).
/// Without any SLO with data the base 70/30 split stands, unadjusted, and says so.
/// </summary>
internal sealed record BalanceAdvice(string? Team, double? CapacityHours, SloPerformances Slos, double? AverageSli, double? AverageTarget, double? Gap, SloGapBand? Band, BalanceAllocation Allocation)
{
    public static BalanceAdvice For(string? team, double? capacityHours, SloPerformances slos)
    {
        if (slos.Counted.Count == 0)
            return new(team, capacityHours, slos, null, null, null, null, ReliabilityBalance.Allocate(0, capacityHours));
        var values = slos.Values;
        var gap = ReliabilityBalance.Gap(values);
        var band = ReliabilityBalance.Band(gap);
        return new(team, capacityHours, slos, SloPerformance.AverageActual(values), SloPerformance.AverageTarget(values), gap, band,
            ReliabilityBalance.Allocate(ReliabilityBalance.Adjustment(band), capacityHours));
    }

    /// <summary>The SLOs below their targets, furthest first.</summary>
    public IReadOnlyList<MeasuredSlo> Missing => Slos.Counted.Where(s => s.GapPoints < 0).OrderBy(s => s.GapPoints).ToArray();

    /// <summary>The SLOs furthest above their targets.</summary>
    public IReadOnlyList<MeasuredSlo> Exceeding => Slos.Counted.Where(s => s.GapPoints > 0).OrderByDescending(s => s.GapPoints).ToArray();

    /// <summary>The <c>--json</c> contract (README, "JSON: /slo balance").</summary>
    public object ToData() => new
    {
        team = Team,
        capacityHours = CapacityHours,
        featurePercent = Allocation.FeaturePercent,
        reliabilityPercent = Allocation.ReliabilityPercent,
        featureHours = Allocation.FeatureHours,
        reliabilityHours = Allocation.ReliabilityHours,
        adjustmentPoints = Allocation.Adjustment,
        averageSliPercent = AverageSli,
        averageTargetPercent = AverageTarget,
        gapPoints = Gap,
        band = Band is { } b ? BalanceText.Key(b) : null,
        slos = Slos.Counted.Select(s => s.ToData()).ToArray(),
        slosWithoutData = Slos.WithoutDataData(),
        rationale = BalanceText.Rationale(this),
        recommendations = BalanceText.Recommendations(this),
    };
}
