using SloBot.Core.Planning;

namespace SloBot.Chat.Planning;

/// <summary>
/// A target approved in a quarterly plan: from <see cref="EffectiveFrom"/> (the quarter's start) it replaces the catalog's
/// target for budgets, status, <c>/slo design</c> and <c>slobot rules</c>. Targets are ratios (0.999).
/// </summary>
public sealed record ApprovedTarget(string Service, string Slo, double Target, double CatalogTarget, string Quarter, DateTimeOffset EffectiveFrom, string PlanId, string ApprovedBy, DateTimeOffset ApprovedAt);

/// <summary>The planning capability's state (SQL in SloBot.Storage; <see cref="InMemoryPlanStore"/> without a database).</summary>
public interface IPlanStore
{
    /// <summary>The team's estimates for <paramref name="quarter"/>'s initiatives, by key; a later estimate of a key replaces the earlier.</summary>
    Task SaveRatingsAsync(Quarter quarter, IReadOnlyDictionary<string, InitiativeRating> ratings, string by, DateTimeOffset at, CancellationToken cancellationToken);

    Task<IReadOnlyDictionary<string, InitiativeRating>> RatingsAsync(Quarter quarter, CancellationToken cancellationToken);

    /// <summary>Records a plan's approved targets; the quarter's earlier approvals are replaced (idempotent per plan).</summary>
    Task ApproveAsync(Quarter quarter, IReadOnlyList<ApprovedTarget> targets, CancellationToken cancellationToken);

    /// <summary>Every approved target, oldest quarter first.</summary>
    Task<IReadOnlyList<ApprovedTarget>> ApprovedAsync(CancellationToken cancellationToken);
}

public sealed class InMemoryPlanStore : IPlanStore
{
    private readonly Dictionary<(string Quarter, string Key), InitiativeRating> _ratings = [];
    private readonly List<ApprovedTarget> _approved = [];
    private readonly Lock _gate = new();

    public Task SaveRatingsAsync(Quarter quarter, IReadOnlyDictionary<string, InitiativeRating> ratings, string by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var (key, rating) in ratings)
                _ratings[(quarter.ToString(), key)] = rating;
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyDictionary<string, InitiativeRating>> RatingsAsync(Quarter quarter, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyDictionary<string, InitiativeRating>>(_ratings.Where(r => r.Key.Quarter == quarter.ToString()).ToDictionary(r => r.Key.Key, r => r.Value));
    }

    public Task ApproveAsync(Quarter quarter, IReadOnlyList<ApprovedTarget> targets, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _approved.RemoveAll(a => a.Quarter == quarter.ToString());
            _approved.AddRange(targets);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ApprovedTarget>> ApprovedAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<ApprovedTarget>>(_approved.OrderBy(a => a.EffectiveFrom).ToArray());
    }
}
