namespace SloBot.Core.Tiers;

/// <summary>One question of the tier analysis (a <c>criteria_weights</c> key of seed 000 §9.1) and its possible answers.</summary>
/// <param name="Key">The document's name: <c>revenue_impact</c>, <c>user_visibility</c>, …</param>
/// <param name="ShortName">What chat users type: <c>revenue</c>, <c>visibility</c>, …</param>
/// <param name="Question">The question as asked in chat.</param>
/// <param name="Weight">The document's weight (the six add up to 1).</param>
/// <param name="ScoredByDocument">False for the three criteria the document weighs but never scores; SloBot adds their rows.</param>
public sealed record TierCriterion(
    string Key,
    string ShortName,
    string Question,
    double Weight,
    bool ScoredByDocument,
    IReadOnlyList<TierCriterionValue> Values)
{
    public TierCriterionValue? Find(string value) =>
        Values.FirstOrDefault(v => string.Equals(v.Name, value.Trim(), StringComparison.OrdinalIgnoreCase));

    public IEnumerable<string> ValueNames => Values.Select(v => v.Name);
}

/// <summary>One answer and its score for each tier, in <see cref="ServiceTierNames.All"/> order.</summary>
public sealed record TierCriterionValue(string Name, string Meaning, IReadOnlyList<double> Scores)
{
    public double ScoreFor(ServiceTier tier) => Scores[(int)tier];

    /// <summary>The tier this answer fits best (its 10), the first one on a tie.</summary>
    public ServiceTier FavouredTier
    {
        get
        {
            var best = 0;
            for (var i = 1; i < Scores.Count; i++)
            {
                if (Scores[i] > Scores[best])
                    best = i;
            }

            return (ServiceTier)best;
        }
    }
}
