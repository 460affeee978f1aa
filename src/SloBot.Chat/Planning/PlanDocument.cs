namespace SloBot.Chat.Planning;

/// <summary>
/// One SLO of a plan as the conversation saw it (percent as the document computes; shares 0–1; minutes per window).
/// <see cref="ApprovedPercent"/> is what week 2 settled (the proposal unless the team changed it).
/// </summary>
public sealed record PlanSloLine(
    string Service,
    string Slo,
    double TargetPercent,
    double WindowSeconds,
    double? AchievedPercent,
    double? BudgetConsumed,
    double? BeforePercent,
    string? Trend,
    int Episodes,
    IReadOnlyList<string> Retrospectives,
    string? Rule,
    double? ProposedPercent,
    string? Rationale,
    bool ClampReversed,
    double? ApprovedPercent = null)
{
    public string Key => $"{Service}/{Slo}";

    public string Name => $"{Service} {Slo}";
}

/// <summary>A roadmap line: the initiative, its estimates (null until rated) and, once ordered, its rank and priority.</summary>
public sealed record PlanWorkLine(string Key, string Source, string Title, double? ImpactPoints, double? EffortWeeks, int? Rank = null, double? Priority = null);

/// <summary>A published quarterly plan (seed 004 week 4's "Approved SLO document"). Times are UTC.</summary>
public sealed record PlanDocument(
    string Id,
    string Quarter,
    string TimeZone,
    DateTimeOffset QuarterStart,
    DateTimeOffset QuarterEnd,
    string ReviewedQuarter,
    bool ReviewedComplete,
    string BeforeQuarter,
    IReadOnlyList<PlanSloLine> Slos,
    string? ReviewNotes,
    IReadOnlyList<PlanWorkLine> Roadmap,
    IReadOnlyList<PlanWorkLine> Unrated,
    double TotalEffortWeeks,
    double ProjectedImprovementPoints,
    string? ApprovalNotes,
    string StartedBy,
    DateTimeOffset PublishedAt);
