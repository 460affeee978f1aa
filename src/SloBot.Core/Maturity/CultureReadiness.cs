namespace SloBot.Core.Maturity;

/// <summary>The readiness levels of <c>SLOCulture._classify_readiness</c>, least ready last.</summary>
public enum ReadinessLevel
{
    Ready,
    NeedsPreparation,
    SignificantGaps,
    NotReady,
}

/// <summary>One criterion of <c>SLOCulture.assess_cultural_readiness</c> and the question SloBot asks for it.</summary>
/// <param name="Key">The document's key (<c>executive_sponsorship</c>), kept as the --json value.</param>
/// <param name="Name">The short name typed as <c>name=yes|partly|no</c>.</param>
/// <param name="Recommendation">What to do while it is not met (the document calls <c>_generate_recommendations</c> without defining it).</param>
public sealed record ReadinessCriterion(string Key, string Name, string Question, string Recommendation);

/// <param name="Score">Mean of the criteria's values, 0–1.</param>
public sealed record ReadinessAssessment(
    double Score,
    ReadinessLevel Level,
    IReadOnlyList<(ReadinessCriterion Criterion, double Value)> Criteria,
    IReadOnlyList<string> Recommendations);

/// <summary>Seed 004 §SLO Culture Principles, <c>SLOCulture.assess_cultural_readiness</c> and <c>_classify_readiness</c>.</summary>
public static class CultureReadiness
{
    // seed 004 §SLO Culture Principles, assess_cultural_readiness (criteria, in the document's order).
    public static IReadOnlyList<ReadinessCriterion> Criteria { get; } =
    [
        new("executive_sponsorship", "executive", "Does an executive sponsor SLOs (time, budget, and backing when a release is deferred)?",
            "Find an executive sponsor: present the error budget policy and what a deferred release costs"),
        new("engineering_buy_in", "engineering", "Do the engineering teams support SLOs (they define SLIs and act on budgets)?",
            "Win engineering buy-in: let each team define its SLIs and review its own budget weekly"),
        new("product_alignment", "product", "Do product managers agree to trade features for reliability when the budget runs low?",
            "Align product: agree who approves error budget use and what happens when it runs out"),
        new("data_infrastructure", "data", "Is there observability to measure SLIs (metrics for the user journeys, kept long enough for a window)?",
            "Build the data infrastructure: export request and latency metrics per user journey and keep at least 30 days"),
        new("incident_process", "incidents", "Is there an incident process (on-call, blameless retrospectives, action items followed up)?",
            "Set up the incident process: on-call, blameless retrospectives with action items (`/slo retro start`)"),
    ];

    /// <summary>Score = mean of the values (each 0–1, in criteria order); level by the document's thresholds.</summary>
    public static ReadinessAssessment Assess(IReadOnlyList<double> values)
    {
        if (values.Count != Criteria.Count)
            throw new ArgumentException($"Expected {Criteria.Count} values, one per criterion, got {values.Count}.", nameof(values));
        var sum = 0.0;
        foreach (var v in values)
            sum += v; // Python's sum(): left to right, so the score is the same double.
        var score = sum / values.Count;
        var criteria = Criteria.Select((c, i) => (c, values[i])).ToArray();
        var recommendations = criteria.Where(c => c.Item2 < 1.0).Select(c => c.c.Recommendation).ToArray();
        return new ReadinessAssessment(score, Classify(score), criteria, recommendations);
    }

    /// <summary><c>_classify_readiness</c>: ready ≥ 0.8, needs preparation ≥ 0.6, significant gaps ≥ 0.4, else not ready.</summary>
    public static ReadinessLevel Classify(double score) => score switch
    {
        >= 0.8 => ReadinessLevel.Ready,
        >= 0.6 => ReadinessLevel.NeedsPreparation,
        >= 0.4 => ReadinessLevel.SignificantGaps,
        _ => ReadinessLevel.NotReady,
    };

    /// <summary>The document's spelling: <c>ready</c>, <c>needs_preparation</c>, <c>significant_gaps</c>, <c>not_ready</c>.</summary>
    public static string ToWord(this ReadinessLevel level) => level switch
    {
        ReadinessLevel.Ready => "ready",
        ReadinessLevel.NeedsPreparation => "needs_preparation",
        ReadinessLevel.SignificantGaps => "significant_gaps",
        _ => "not_ready",
    };

    public static string ToTitle(this ReadinessLevel level) => level switch
    {
        ReadinessLevel.Ready => "Ready",
        ReadinessLevel.NeedsPreparation => "Needs preparation",
        ReadinessLevel.SignificantGaps => "Significant gaps",
        _ => "Not ready",
    };

    /// <summary>The next level up and the score it needs, or null when ready.</summary>
    public static (ReadinessLevel Level, double Score)? Next(ReadinessLevel level) => level switch
    {
        ReadinessLevel.NotReady => (ReadinessLevel.SignificantGaps, 0.4),
        ReadinessLevel.SignificantGaps => (ReadinessLevel.NeedsPreparation, 0.6),
        ReadinessLevel.NeedsPreparation => (ReadinessLevel.Ready, 0.8),
        _ => null,
    };
}
