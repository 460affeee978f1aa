using System.Collections.Concurrent;

namespace SloBot.Chat.Releases;

/// <summary>
/// The log when no store is registered (tests, tools): lost at exit. The host registers SloBot.Storage's SQL log,
/// which replaces this one.
/// </summary>
public sealed class InMemoryReleaseDecisionLog : IReleaseDecisionLog
{
    private readonly ConcurrentDictionary<string, ReleaseDecisionRecord> _decisions = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _lock = new();

    public Task AppendAsync(ReleaseDecisionRecord decision, CancellationToken cancellationToken)
    {
        if (!_decisions.TryAdd(decision.Id, decision))
            throw new InvalidOperationException($"Release decision {decision.Id} is already recorded.");
        return Task.CompletedTask;
    }

    public Task<ReleaseDecisionRecord?> FindAsync(string decisionId, CancellationToken cancellationToken) =>
        Task.FromResult(_decisions.GetValueOrDefault(decisionId));

    public Task<IReadOnlyList<ReleaseDecisionRecord>> ListAsync(string? service, DateTimeOffset? since, CancellationToken cancellationToken, int limit = 50) =>
        Task.FromResult<IReadOnlyList<ReleaseDecisionRecord>>(_decisions.Values
            .Where(d => service is null || string.Equals(d.Service, service, StringComparison.OrdinalIgnoreCase))
            .Where(d => since is null || d.DecidedAt >= since)
            .OrderByDescending(d => d.DecidedAt)
            .ThenByDescending(d => d.Id, StringComparer.Ordinal)
            .Take(limit)
            .ToArray());

    public Task<bool> RecordOverrideAsync(string decisionId, ReleaseOverride releaseOverride, CancellationToken cancellationToken) =>
        Task.FromResult(Update(decisionId, d => d.Override is null ? d with { Override = releaseOverride } : null));

    public Task<bool> RecordReviewRequestAsync(string decisionId, ReleaseReviewRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(Update(decisionId, d => d.ReviewRequest is null ? d with { ReviewRequest = request } : null));

    private bool Update(string id, Func<ReleaseDecisionRecord, ReleaseDecisionRecord?> change)
    {
        lock (_lock)
        {
            if (!_decisions.TryGetValue(id, out var current) || change(current) is not { } updated)
                return false;
            _decisions[id] = updated;
            return true;
        }
    }
}
