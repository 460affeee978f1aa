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

/// <summary>Published retrospectives (SQL in SloBot.Storage).</summary>
public interface IRetrospectiveStore
{
    /// <summary>Insert or replace by <see cref="RetrospectiveDocument.Id"/>.</summary>
    Task SaveAsync(RetrospectiveDocument document, CancellationToken cancellationToken);

    /// <summary>By conversation id ("retro-3fa9c1") or incident id ("INC-2041", the newest).</summary>
    Task<RetrospectiveDocument?> FindAsync(string idOrIncident, CancellationToken cancellationToken);

    /// <summary>Incidents that started in [from, to), oldest first.</summary>
    Task<IReadOnlyList<RetrospectiveDocument>> ListAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}

public sealed class InMemoryRetrospectiveStore : IRetrospectiveStore
{
    private readonly Dictionary<string, RetrospectiveDocument> _docs = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public Task SaveAsync(RetrospectiveDocument document, CancellationToken cancellationToken)
    {
        lock (_gate)
            _docs[document.Id] = document;
        return Task.CompletedTask;
    }

    public Task<RetrospectiveDocument?> FindAsync(string idOrIncident, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_docs.GetValueOrDefault(idOrIncident)
                ?? _docs.Values.Where(d => string.Equals(d.IncidentId, idOrIncident, StringComparison.OrdinalIgnoreCase)).MaxBy(d => d.PublishedAt));
        }
    }

    public Task<IReadOnlyList<RetrospectiveDocument>> ListAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<RetrospectiveDocument>>(_docs.Values.Where(d => d.Start >= from && d.Start < to).OrderBy(d => d.Start).ToArray());
    }
}
