using SloBot.Chat.ActionItems;

namespace SloBot.Chat.Retrospectives;

/// <summary>A finished retrospective as stored and exported (the seed's template, 004 "Retrospective Template"). Times are UTC.</summary>
public sealed record RetrospectiveDocument(
    string Id,
    string IncidentId,
    IReadOnlyList<string> Services,
    DateTimeOffset Start,
    DateTimeOffset End,
    IReadOnlyList<SloImpact> Impact,
    string? ImpactNote,
    string? ImpactError,
    IReadOnlyList<TimelineEntry> Timeline,
    string? RootCause,
    IReadOnlyList<string> ContributingFactors,
    string? WhyNotCaught,
    string? UserImpact,
    IReadOnlyList<string> WentWell,
    IReadOnlyList<string> WentWrong,
    IReadOnlyList<RetroActionItem> ActionItems,
    string? SloAdjustments,
    string? FollowUp,
    string StartedBy,
    DateTimeOffset PublishedAt,
    string TimeZone)
{
    public TimeSpan Duration => End - Start;

    /// <summary>The largest share of an SLO window's budget the incident used (for the weekly review), null without data.</summary>
    public double? WorstBudgetConsumed => Impact.Select(i => i.BudgetConsumed).Where(c => c is not null).Max();
}

public sealed record TimelineEntry(DateTimeOffset? At, string Event);

/// <summary>An action item as the document shows it; <see cref="Id"/> is the stored item's id once published.</summary>
public sealed record RetroActionItem(int? Id, string Task, string? Owner, DateOnly? Due, ActionHorizon Horizon);
