namespace SloBot.Core.Tiers;

/// <summary>
/// The weights and scoring matrix of seed 000 §9.1 (<c>TierAnalyzer.criteria_weights</c> and
/// <c>_calculate_tier_scores.scoring_matrix</c>), transcribed here once. Scores are in tier order
/// critical, essential, standard, best_effort. The rows of the three criteria the document weighs but never
/// scores are SloBot's (docs/tiers-and-design.md): each copies the shape of the document row it resembles most.
/// </summary>
public static class TierMatrix
{
    public static TierCriterion RevenueImpact { get; } = new(
        "revenue_impact", "revenue", "How does an outage of this service affect revenue?", 0.25, true,
        [
            new("direct", "it takes payments or orders itself", [10, 5, 2, 0]),
            new("high", "revenue stops soon after it fails", [7, 10, 5, 2]),
            new("medium", "some revenue is at risk", [3, 7, 10, 5]),
            new("low", "revenue is barely affected", [0, 3, 7, 10]),
            new("none", "no revenue depends on it", [0, 0, 5, 10]),
        ]);

    public static TierCriterion UserVisibility { get; } = new(
        "user_visibility", "visibility", "How often do users see this service working?", 0.20, true,
        [
            new("constant", "on every page or request", [10, 8, 4, 0]),
            new("frequent", "several times a session", [7, 10, 6, 2]),
            new("occasional", "now and then", [3, 6, 10, 5]),
            new("rare", "hardly ever, or only indirectly", [0, 2, 5, 10]),
        ]);

    public static TierCriterion FailureSeverity { get; } = new(
        "failure_severity", "severity", "How bad is it when it fails?", 0.20, true,
        [
            new("severe", "money, safety or trust is lost", [10, 5, 2, 0]),
            new("moderate", "users are blocked but recover", [5, 10, 7, 3]),
            new("minor", "users are annoyed, work-arounds exist", [2, 5, 10, 7]),
            new("negligible", "nobody notices for a while", [0, 2, 5, 10]),
        ]);

    /// <summary>SloBot's row, shaped like <c>failure_severity</c>: leaking or corrupting data is a failure consequence.</summary>
    public static TierCriterion DataSensitivity { get; } = new(
        "data_sensitivity", "data", "How sensitive is the data it handles?", 0.15, false,
        [
            new("high", "payment data, credentials, health or personal data", [10, 5, 2, 0]),
            new("medium", "internal business data", [5, 10, 7, 3]),
            new("low", "data that is not confidential", [2, 5, 10, 7]),
            new("none", "public data only", [0, 2, 5, 10]),
        ]);

    /// <summary>SloBot's row, shaped like <c>failure_severity</c>: a compliance breach is a failure consequence.</summary>
    public static TierCriterion RegulatoryRequirements { get; } = new(
        "regulatory_requirements", "regulatory", "Is it subject to regulation (PCI DSS, HIPAA, SOX, DORA …)?", 0.10, false,
        [
            new("yes", "regulated, with availability or audit obligations", [10, 5, 2, 0]),
            new("partial", "some obligations: GDPR, contractual SLAs", [5, 10, 7, 3]),
            new("no", "no regulatory obligations", [0, 2, 5, 10]),
        ]);

    /// <summary>SloBot's row, shaped like <c>user_visibility</c>: how many people see it, rather than how often.</summary>
    public static TierCriterion UserBaseSize { get; } = new(
        "user_base_size", "users", "How many people use it?", 0.10, false,
        [
            new("large", "most of your customers", [10, 8, 4, 0]),
            new("medium", "a sizeable share of customers", [7, 10, 6, 2]),
            new("small", "a small group of customers", [3, 6, 10, 5]),
            new("internal", "only colleagues", [0, 2, 5, 10]),
        ]);

    /// <summary>The criteria in the order of the document's <c>criteria_weights</c> (which is also the order scores are summed in).</summary>
    public static IReadOnlyList<TierCriterion> Criteria { get; } =
        [RevenueImpact, UserVisibility, FailureSeverity, DataSensitivity, RegulatoryRequirements, UserBaseSize];

    /// <summary>Finds a criterion by its chat name ("revenue") or the document's key ("revenue_impact").</summary>
    public static TierCriterion? Find(string name) => Criteria.FirstOrDefault(c =>
        string.Equals(c.ShortName, name, StringComparison.OrdinalIgnoreCase) ||
        string.Equals(c.Key, name.Replace('-', '_'), StringComparison.OrdinalIgnoreCase));
}
