using System.Text.Json.Serialization;

namespace SloBot.Chat.Reviews;

/// <summary>
/// A finished weekly SLO review (seed 004 "Weekly SLO Review Process" agenda; WeeklySLOReview.generate_review_data).
/// Ratios are 0–1, burn rates are multiples of the sustainable rate, times ISO-8601 UTC.
/// </summary>
public sealed record WeeklyReviewDocument(
    string Id,
    string Title,
    DateTimeOffset WeekStart,
    DateTimeOffset WeekEnd,
    IReadOnlyList<ServiceHealth> AtRisk,
    IReadOnlyList<ServiceHealth> Healthy,
    IReadOnlyList<ReviewIncident> Incidents,
    IReadOnlyList<BurnAnalysis> BurnRates,
    IReadOnlyList<ReleaseLine> Releases,
    IReadOnlyList<SloProposal> Proposals,
    IReadOnlyList<ActionLine> PreviousActionsDone,
    IReadOnlyList<ActionLine> PreviousActionsCarried,
    IReadOnlyList<ActionLine> NewActions,
    [property: JsonConverter(typeof(ReviewNotesJson))] IReadOnlyDictionary<string, string> Notes,
    string StartedBy,
    DateTimeOffset PublishedAt);

/// <param name="Status">The band, --json spelling ("nodata").</param>
/// <param name="Trend">The trend words ("burning fast"); null in reviews published before it was kept.</param>
public sealed record ServiceHealth(string Service, string Slo, string Status, double? Remaining, double BurnRate1h, string? Trend = null);

/// <summary>
/// An incident of the period: a published retrospective, or a budget-consuming episode from the hourly history
/// (<paramref name="Episode"/>: <paramref name="RetrospectiveId"/> is then the covering retrospective's or empty,
/// <paramref name="IncidentId"/> its incident or empty). Durations in seconds, shares 0–1.
/// </summary>
/// <param name="Slo">The episode's SLO name.</param>
/// <param name="BadEvents">Bad events during the episode.</param>
/// <param name="NeedsRetro">An episode over 10 % of the budget that no retrospective covers: offered a <c>Start retro</c> button.</param>
public sealed record ReviewIncident(string RetrospectiveId, string IncidentId, IReadOnlyList<string> Services, DateTimeOffset Start, double DurationSeconds, string? Impact, double? BudgetConsumed,
    bool Episode = false, string? Slo = null, double? BadEvents = null, bool NeedsRetro = false)
{
    public DateTimeOffset End => Start + TimeSpan.FromSeconds(DurationSeconds);

    /// <summary>An incident the summaries count: every retrospective, and the episodes no retrospective covers.</summary>
    public bool Counted => !Episode || RetrospectiveId.Length == 0;
}

public sealed record BurnAnalysis(string Service, string Slo, double BurnRate1h, double BurnRate6h, double BurnRate3d, double? Remaining, DateTimeOffset? ProjectedExhaustion, string Trend);

public sealed record ReleaseLine(string Id, string Service, string Version, string Action, bool Pending, DateTimeOffset DecidedAt, string Rationale);

public sealed record SloProposal(string Service, string Slo, string Proposal, string Rationale);

public sealed record ActionLine(int Id, string Task, string? Owner, string? Due, bool Done, string Source);
