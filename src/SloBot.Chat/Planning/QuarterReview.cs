using SloBot.Core.Budgets;
using SloBot.Core.Catalog;
using SloBot.Core.Planning;
using SloBot.Core.Sli;

namespace SloBot.Chat.Planning;

/// <summary>The span of a quarter that was counted: the whole quarter, or up to now while it is still running.</summary>
public sealed record CountedQuarter(Quarter Quarter, DateTimeOffset Start, DateTimeOffset End, DateTimeOffset CountedUntil)
{
    public bool Complete => CountedUntil >= End;

    public TimeSpan Counted => CountedUntil - Start;
}

/// <summary>A budget-consuming episode of the quarter (hours above the page burn rate); its share is of the quarter's budget.</summary>
public sealed record QuarterEpisode(DateTimeOffset Start, DateTimeOffset End, double BadEvents, double BudgetConsumed);

/// <summary>A published retrospective of the quarter that names the SLO's service.</summary>
public sealed record QuarterRetro(string Id, string IncidentId, DateTimeOffset Start, double DurationSeconds, double? BudgetConsumed);

/// <summary>
/// One SLO in week 1 of seed 004's planning (review) and week 2 (its proposal). Percentages are in percent, as the
/// document computes them; <see cref="Proposal"/> and <see cref="Impact"/> are null when the quarter had no events.
/// </summary>
public sealed record SloQuarter(
    SloDefinition Slo,
    EventCounts Counts,
    double? AchievedPercent,
    double? BudgetConsumed,
    double? BeforePercent,
    QuarterTrend? Trend,
    IReadOnlyList<QuarterEpisode> Episodes,
    IReadOnlyList<QuarterRetro> Retrospectives,
    TargetProposal? Proposal,
    BudgetImpact? Impact,
    string? SourceError)
{
    public double TargetPercent => SloPerformance.Percent(Slo.Target);

    public bool HasData => AchievedPercent is not null;
}

/// <summary>What <c>/slo plan</c> puts on the table for a quarter: the review, the proposals and the roadmap's material.</summary>
public sealed record QuarterPlanDraft(
    Quarter Planned,
    string TimeZone,
    DateTimeOffset PlannedStart,
    DateTimeOffset PlannedEnd,
    CountedQuarter Reviewed,
    CountedQuarter Before,
    IReadOnlyList<SloQuarter> Slos,
    IReadOnlyList<PlanInitiative> Work)
{
    public IEnumerable<SloQuarter> WithoutData => Slos.Where(s => !s.HasData);
}
