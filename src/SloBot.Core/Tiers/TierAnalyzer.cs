namespace SloBot.Core.Tiers;

/// <summary>
/// Seed 000 §9.1 <c>TierAnalyzer.analyze_and_recommend</c>: weighted scores per tier, normalised so the best
/// is 100, the best tier recommended (ties go to the more demanding tier, as Python's <c>max</c> does).
/// </summary>
public static class TierAnalyzer
{
    private static readonly double[]?[] MaxMargins = new double[]?[1 << 6];
    private static readonly Lock MaxMarginsLock = new();

    public static TierRecommendation Analyze(TierAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        if (answers.Values.Count == 0)
            throw new ArgumentException("At least one criterion must be answered.", nameof(answers));

        var scores = NormalisedScores(answers.Values);
        var (best, second) = TopTwo(scores);
        var margin = scores[best] - scores[second];
        var tier = (ServiceTier)best;
        var maxMargin = MaxMargin(answers.Values.Keys, tier);
        var confidence = maxMargin <= 0 ? 0 : Math.Round(100 * margin / maxMargin, 1);
        return new TierRecommendation(
            tier,
            scores,
            Math.Clamp(confidence, 0, 100),
            margin,
            (ServiceTier)second,
            KeyFactors(answers),
            TierProfiles.For(tier),
            TierProfiles.NextSteps(tier),
            answers);
    }

    /// <summary>The document's arithmetic, in its order: Σ score × weight per tier, then (score ÷ max) × 100.</summary>
    public static double[] NormalisedScores(IReadOnlyDictionary<TierCriterion, TierCriterionValue> values)
    {
        var raw = new double[ServiceTierNames.All.Count];
        foreach (var criterion in TierMatrix.Criteria)
        {
            if (!values.TryGetValue(criterion, out var value))
                continue;
            for (var t = 0; t < raw.Length; t++)
                raw[t] += value.Scores[t] * criterion.Weight;
        }

        var max = raw.Max();
        return raw.Select(s => s / max * 100).ToArray();
    }

    private static (int Best, int Second) TopTwo(double[] scores)
    {
        var best = 0;
        for (var i = 1; i < scores.Length; i++)
        {
            if (scores[i] > scores[best])
                best = i;
        }

        var second = best == 0 ? 1 : 0;
        for (var i = 0; i < scores.Length; i++)
        {
            if (i != best && scores[i] > scores[second])
                second = i;
        }

        return (best, second);
    }

    /// <summary>
    /// The widest best-to-second margin with which <paramref name="tier"/> can win, over every combination of
    /// answers to these criteria (computed once per set of criteria: at most 3,840 combinations).
    /// </summary>
    internal static double MaxMargin(IEnumerable<TierCriterion> answered, ServiceTier tier)
    {
        var criteria = TierMatrix.Criteria.Where(answered.Contains).ToArray();
        var mask = criteria.Aggregate(0, (m, c) => m | (1 << IndexOf(c)));
        lock (MaxMarginsLock)
        {
            if (MaxMargins[mask] is { } known)
                return known[(int)tier];
        }

        var widest = new double[ServiceTierNames.All.Count];
        var choice = new TierCriterionValue[criteria.Length];
        Enumerate(0);
        lock (MaxMarginsLock)
            MaxMargins[mask] = widest;
        return widest[(int)tier];

        void Enumerate(int index)
        {
            if (index == criteria.Length)
            {
                var scores = NormalisedScores(criteria.Select((c, i) => (c, choice[i])).ToDictionary(p => p.c, p => p.Item2));
                var (b, s) = TopTwo(scores);
                widest[b] = Math.Max(widest[b], scores[b] - scores[s]);
                return;
            }

            foreach (var value in criteria[index].Values)
            {
                choice[index] = value;
                Enumerate(index + 1);
            }
        }
    }

    private static int IndexOf(TierCriterion criterion)
    {
        for (var i = 0; i < TierMatrix.Criteria.Count; i++)
        {
            if (ReferenceEquals(TierMatrix.Criteria[i], criterion))
                return i;
        }

        throw new ArgumentException($"Unknown criterion {criterion.Key}", nameof(criterion));
    }

    /// <summary>
    /// The document's three factors (revenue direct/high, severity severe, visibility constant), the same
    /// for SloBot's three added criteria, and every answer that points at the best-effort tier.
    /// </summary>
    private static List<KeyFactor> KeyFactors(TierAnswers answers)
    {
        var factors = new List<KeyFactor>();
        var revenue = answers[TierMatrix.RevenueImpact]?.Name;
        if (revenue is "direct" or "high")
            factors.Add(new("Revenue Impact", revenue, "Drives toward higher tier"));
        if (answers[TierMatrix.FailureSeverity]?.Name == "severe")
            factors.Add(new("Failure Severity", "severe", "Requires critical tier"));
        if (answers[TierMatrix.UserVisibility]?.Name == "constant")
            factors.Add(new("User Visibility", "constant", "Requires high availability"));
        if (answers[TierMatrix.DataSensitivity]?.Name == "high")
            factors.Add(new("Data Sensitivity", "high", "Requires strong protection and fast recovery"));
        if (answers[TierMatrix.RegulatoryRequirements]?.Name == "yes")
            factors.Add(new("Regulatory Requirements", "yes", "Compliance obligations raise the bar"));
        if (answers[TierMatrix.UserBaseSize]?.Name == "large")
            factors.Add(new("User Base Size", "large", "Failures reach most customers"));
        foreach (var criterion in TierMatrix.Criteria)
        {
            if (answers[criterion] is { FavouredTier: ServiceTier.BestEffort } low)
                factors.Add(new(Title(criterion), low.Name, "Allows a lower tier"));
        }

        return factors;
    }

    private static string Title(TierCriterion criterion) => string.Join(' ', criterion.Key.Split('_').Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
}
