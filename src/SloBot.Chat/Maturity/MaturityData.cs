using SloBot.Core.Maturity;

namespace SloBot.Chat.Maturity;

/// <summary>
/// <c>/slo maturity --json</c>. Level 1–5; score 1–5 (two decimals); criteria and requirement values are shares 0–1;
/// answers <c>yes</c>, <c>partly</c>, <c>no</c>; <c>assessedAt</c> ISO-8601 UTC.
/// </summary>
public sealed record MaturityData(
    int Level,
    string LevelName,
    double Score,
    int? NextLevel,
    string? NextLevelName,
    MaturityCriteriaData Criteria,
    MaturityMeasuredData Measured,
    IReadOnlyDictionary<string, string> Answers,
    IReadOnlyList<MaturityRequirementData> Requirements,
    IReadOnlyList<MaturityRequirementData> MissingForNextLevel,
    IReadOnlyList<string> NextSteps,
    DateTimeOffset AssessedAt);

/// <summary>The document's five criteria (<c>assess_slo_maturity</c>), each 0–1.</summary>
public sealed record MaturityCriteriaData(double SloCoverage, double ErrorBudgetUsage, double ReviewFrequency, double AutomationLevel, double StakeholderAlignment)
{
    public static MaturityCriteriaData From(MaturityCriteria c) => new(c.SloCoverage, c.ErrorBudgetUsage, c.ReviewFrequency, c.AutomationLevel, c.StakeholderAlignment);
}

/// <summary>What SloBot counted: decisions over the last <see cref="DecisionDays"/> days, reviews over the last <see cref="ReviewDays"/>.</summary>
public sealed record MaturityMeasuredData(
    int Services,
    int ServicesWithSlos,
    int Slos,
    int CriticalServices,
    int CriticalServicesWithSlos,
    int ReleaseDecisions,
    int MonthsWithReleaseDecisions,
    int PublishedReviews,
    int WeeksWithReview,
    bool BurnRateAlerts,
    int ScheduledPosts,
    int DecisionDays,
    int ReviewDays)
{
    public static MaturityMeasuredData From(MaturityEvidence e) => new(
        e.Services, e.ServicesWithSlos, e.Slos, e.CriticalServices, e.CriticalServicesWithSlos, e.ReleaseDecisions, e.MonthsWithReleaseDecisions,
        e.PublishedReviews, e.WeeksWithReview, e.BurnRateAlerts, e.ScheduledPosts,
        (int)(MaturityEvidence.DecisionPeriod * MaturityEvidence.DecisionPeriods).TotalDays,
        (int)(MaturityEvidence.ReviewPeriod * MaturityEvidence.ReviewPeriods).TotalDays);
}

/// <param name="Source"><c>measured</c> or <c>answered</c>.</param>
public sealed record MaturityRequirementData(string Key, int Level, string Characteristic, string Source, double Value, bool Met)
{
    public static MaturityRequirementData From(MaturityRequirement r) =>
        new(r.Key, r.Level, r.Characteristic, r.Source == EvidenceSource.Measured ? "measured" : "answered", r.Value, r.Met);
}
