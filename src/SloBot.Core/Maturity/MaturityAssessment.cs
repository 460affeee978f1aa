namespace SloBot.Core.Maturity;

/// <summary>How a requirement's value was found.</summary>
public enum EvidenceSource
{
    Measured,
    Answered,
}

/// <summary>One characteristic of a level, with its fulfilment 0–1; met at 1.</summary>
public sealed record MaturityRequirement(string Key, int Level, string Characteristic, EvidenceSource Source, double Value)
{
    public bool Met => Value >= 1.0;
}

/// <summary>The document's five assessment criteria (<c>assess_slo_maturity</c>), each 0–1.</summary>
public sealed record MaturityCriteria(double SloCoverage, double ErrorBudgetUsage, double ReviewFrequency, double AutomationLevel, double StakeholderAlignment);

/// <param name="Score">1–5: the level reached plus the share of the next level's requirements met (docs/maturity.md).</param>
public sealed record MaturityResult(
    int Level,
    double Score,
    MaturityCriteria Criteria,
    IReadOnlyList<MaturityRequirement> Requirements,
    IReadOnlyList<MaturityRequirement> MissingForNextLevel)
{
    public MaturityLevel Current => MaturityModel.Level(Level);

    public MaturityLevel? Next => Level < 5 ? MaturityModel.Level(Level + 1) : null;
}

/// <summary>
/// <c>assess_slo_maturity</c> with the scoring the document leaves out (<c>calculate_maturity_score</c>,
/// <c>classify_maturity_level</c>): each level's characteristics become requirements valued 0–1 (measured by SloBot or
/// answered yes 1 / partly ½ / no 0); the level is 1 plus the number of consecutive levels from 2 whose requirements are
/// all met; the score adds the mean value of the next level's requirements. docs/maturity.md gives each rule.
/// </summary>
public static class MaturityAssessment
{
    /// <summary>Weekly reviews count as weekly from 10 of the last 12 weeks (two weeks off for holidays).</summary>
    public const int WeeklyReviewWeeks = 10;

    /// <summary>Monthly reviews: one every four weeks, 3 of the last 12 weeks.</summary>
    public const int MonthlyReviewWeeks = 3;

    public static MaturityResult Assess(MaturityEvidence e, IReadOnlyDictionary<string, Answer> answers)
    {
        var coverage = Share(e.ServicesWithSlos, e.Services);
        var critical = e.CriticalServices > 0 ? Share(e.CriticalServicesWithSlos, e.CriticalServices) : coverage;
        var decisions = (double)Math.Clamp(e.MonthsWithReleaseDecisions, 0, MaturityEvidence.DecisionPeriods) / MaturityEvidence.DecisionPeriods;
        var weekly = Math.Min(1.0, (double)Math.Max(0, e.WeeksWithReview) / WeeklyReviewWeeks);
        var monthly = Math.Min(1.0, (double)Math.Max(0, e.WeeksWithReview) / MonthlyReviewWeeks);
        var automation = (e.BurnRateAlerts ? 0.5 : 0.0) + (e.ScheduledPosts > 0 ? 0.5 : 0.0);
        double Asked(string name) => answers.TryGetValue(name, out var a) ? a.Value() : 0.0;

        var requirements = new List<MaturityRequirement>
        {
            new("slos", 2, "1-2 SLOs defined, their error budgets tracked", EvidenceSource.Measured, e.Slos > 0 ? 1.0 : 0.0),
            new("monthlyReviews", 2, "Monthly reviews", EvidenceSource.Measured, monthly),
            new("criticalCoverage", 3, "SLOs for all critical services", EvidenceSource.Measured, critical),
            new("budgetDecisions", 3, "Error budget-driven decisions", EvidenceSource.Measured, decisions),
            new("weeklyReviews", 3, "Weekly reviews", EvidenceSource.Measured, weekly),
            new("alerting", 3, "Automated alerting", EvidenceSource.Measured, e.BurnRateAlerts ? 1.0 : 0.0),
            new("coverage", 4, "Comprehensive SLO framework (every catalog service has SLOs)", EvidenceSource.Measured, coverage),
            new("automation", 4, "Multi-window burn rate alerting and automated reporting", EvidenceSource.Measured, automation),
        };
        requirements.AddRange(MaturityQuestions.All.Select(q => new MaturityRequirement(q.Name, q.Level, q.Characteristic, EvidenceSource.Answered, Asked(q.Name))));
        requirements.Sort((a, b) => a.Level.CompareTo(b.Level)); // stable: the document's order within a level

        var level = 1;
        while (level < 5 && requirements.Where(r => r.Level == level + 1).All(r => r.Met))
            level++;
        var next = requirements.Where(r => r.Level == level + 1).ToArray();
        // Two decimals, never rounded up into the next level (3.999 is 3.99, not 4).
        var score = level == 5 ? 5.0 : Math.Min(level + 0.99, (double)Math.Round((decimal)(level + next.Average(r => r.Value)), 2));
        var criteria = new MaturityCriteria(coverage, decisions, weekly, automation, Asked("stakeholders"));
        return new MaturityResult(level, score, criteria, requirements, next.Where(r => !r.Met).ToArray());
    }

    private static double Share(int part, int whole) => whole <= 0 ? 0.0 : Math.Clamp((double)part / whole, 0.0, 1.0);
}
