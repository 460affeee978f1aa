using SloBot.Core.Budgets;

namespace SloBot.Core.Balance;

/// <summary>How far the SLOs are above or below their targets on average, in the words of seed 004's comments.</summary>
public enum SloGapBand
{
    /// <summary>gap &gt; 0.5 points: "Exceeding SLOs significantly, can do more features" (+10).</summary>
    ExceedingSignificantly,

    /// <summary>gap &gt; 0.1: "Meeting SLOs comfortably" (+5).</summary>
    MeetingComfortably,

    /// <summary>gap &gt; −0.1: "Just meeting SLOs" (0).</summary>
    JustMeeting,

    /// <summary>gap &gt; −0.5: "Missing some SLOs" (−10).</summary>
    MissingSome,

    /// <summary>otherwise: "Significantly missing SLOs" (−20).</summary>
    MissingSignificantly,
}

/// <summary>Seed 004 §Reliability vs Feature Velocity, <c>ReliabilityFeatureBalance.calculate_allocation</c>.</summary>
public static class ReliabilityBalance
{
    /// <summary>Base allocation: 70 % features, 30 % reliability (Google SRE recommendation).</summary>
    public const int BaseFeaturePercent = 70;

    /// <summary>"min 20% reliability, max 80% features"; the document also floors features at 20 %.</summary>
    public const int MinFeaturePercent = 20;

    public const int MaxFeaturePercent = 80;

    /// <summary>Average achieved minus average target, in points (<c>_calculate_adjustment</c>'s gap).</summary>
    public static double Gap(IReadOnlyList<SloPerformance> slos) => SloPerformance.AverageActual(slos) - SloPerformance.AverageTarget(slos);

    public static SloGapBand Band(double gap) => gap switch
    {
        > 0.5 => SloGapBand.ExceedingSignificantly,
        > 0.1 => SloGapBand.MeetingComfortably,
        > -0.1 => SloGapBand.JustMeeting,
        > -0.5 => SloGapBand.MissingSome,
        _ => SloGapBand.MissingSignificantly,
    };

    /// <summary>Points moved from reliability to features (negative: to reliability).</summary>
    public static int Adjustment(SloGapBand band) => band switch
    {
        SloGapBand.ExceedingSignificantly => 10,
        SloGapBand.MeetingComfortably => 5,
        SloGapBand.JustMeeting => 0,
        SloGapBand.MissingSome => -10,
        _ => -20,
    };

    /// <summary>
    /// The split for an adjustment: features 70 + adjustment clamped to 20–80, reliability the rest, and the hours of each
    /// side of <paramref name="capacityHours"/> (null when no capacity is known).
    /// </summary>
    public static BalanceAllocation Allocate(int adjustment, double? capacityHours)
    {
        var feature = Math.Clamp(BaseFeaturePercent + adjustment, MinFeaturePercent, MaxFeaturePercent);
        var reliability = 100 - feature;
        return new BalanceAllocation(feature, reliability, capacityHours * (feature / 100.0), capacityHours * (reliability / 100.0), adjustment);
    }
}

/// <summary>The document's <c>calculate_allocation</c> result: percentages and hours per side.</summary>
public sealed record BalanceAllocation(int FeaturePercent, int ReliabilityPercent, double? FeatureHours, double? ReliabilityHours, int Adjustment);
