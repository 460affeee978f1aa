namespace SloBot.Chat.Releases;

/// <summary>
/// The record of release decisions (implemented in SloBot.Storage). The weekly review reads pending decisions with
/// <c>ListAsync(service, since)</c> and <see cref="ReleaseDecisionRecord.IsPending"/>.
/// </summary>
public interface IReleaseDecisionLog
{
    Task AppendAsync(ReleaseDecisionRecord decision, CancellationToken cancellationToken);

    /// <summary>The decision with this id (case-insensitive), or null.</summary>
    Task<ReleaseDecisionRecord?> FindAsync(string decisionId, CancellationToken cancellationToken);

    /// <summary>Decisions newest first, of one service (case-insensitive) or all, made at or after <paramref name="since"/>.</summary>
    Task<IReadOnlyList<ReleaseDecisionRecord>> ListAsync(string? service, DateTimeOffset? since, CancellationToken cancellationToken, int limit = 50);

    /// <summary>Stores the override unless the decision already has one; false then (the first override wins).</summary>
    Task<bool> RecordOverrideAsync(string decisionId, ReleaseOverride releaseOverride, CancellationToken cancellationToken);

    /// <summary>Stores the review request unless one is already stored; false then.</summary>
    Task<bool> RecordReviewRequestAsync(string decisionId, ReleaseReviewRequest request, CancellationToken cancellationToken);
}
