namespace SloBot.Core.Tiers;

/// <summary>The outcome of <see cref="TierAnalyzer"/>: seed 000 §9.1 <c>analyze_and_recommend</c>, with a confidence that means something.</summary>
/// <param name="Scores">Each tier's weighted score normalised so the best is 100, in <see cref="ServiceTierNames.All"/> order.</param>
/// <param name="Confidence">0–100: how decisive the answers are (docs/tiers-and-design.md, "Confidence").</param>
/// <param name="Margin">Normalised points between the best and the second-best tier.</param>
public sealed record TierRecommendation(
    ServiceTier Recommended,
    IReadOnlyList<double> Scores,
    double Confidence,
    double Margin,
    ServiceTier RunnerUp,
    IReadOnlyList<KeyFactor> KeyFactors,
    TierProfile Profile,
    IReadOnlyList<string> NextSteps,
    TierAnswers Answers)
{
    public double ScoreFor(ServiceTier tier) => Scores[(int)tier];
}

/// <summary>One answer that pushed the recommendation (seed 000 §9.1 <c>_identify_key_factors</c>).</summary>
public sealed record KeyFactor(string Factor, string Value, string Influence);
