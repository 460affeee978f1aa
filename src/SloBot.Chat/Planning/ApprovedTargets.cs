using SloBot.Core.Catalog;
using SloBot.Core.Planning;

namespace SloBot.Chat.Planning;

/// <summary>
/// The approved targets the catalog overlay reads (synchronously: <see cref="ISloCatalog"/> is a property), held in memory
/// and read from <see cref="IPlanStore"/> at start-up (the host's start-up tasks), after each approval, and at most once a
/// minute when asked for (another replica may have approved a plan); a failed read keeps the last known targets.
/// </summary>
public sealed class ApprovedTargets(IPlanStore store, TimeProvider time)
{
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromMinutes(1);

    private volatile Snapshot _snapshot = new([], DateTimeOffset.MinValue);
    private int _refreshing;

    /// <summary>Every approved target, whether in force yet or not.</summary>
    public IReadOnlyList<ApprovedTarget> All
    {
        get
        {
            var snapshot = _snapshot;
            if (time.GetUtcNow() - snapshot.ReadAt >= RefreshEvery && Interlocked.CompareExchange(ref _refreshing, 1, 0) == 0)
                _ = RefreshInBackgroundAsync();
            return snapshot.Targets;
        }
    }

    public IReadOnlyList<TargetOverride> Overrides => All.Select(a => new TargetOverride(new SloId(a.Service, a.Slo), a.Target, a.EffectiveFrom, a.Quarter)).ToArray();

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var targets = await store.ApprovedAsync(cancellationToken).ConfigureAwait(false);
        _snapshot = new Snapshot(targets, time.GetUtcNow());
    }

    private async Task RefreshInBackgroundAsync()
    {
        try
        {
            await Task.Yield();
            await RefreshAsync(CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // the overlay keeps the last known targets; the next ask tries again
        catch (Exception)
#pragma warning restore CA1031
        {
            _snapshot = _snapshot with { ReadAt = time.GetUtcNow() - RefreshEvery + TimeSpan.FromSeconds(10) };
        }
        finally
        {
            Interlocked.Exchange(ref _refreshing, 0);
        }
    }

    private sealed record Snapshot(IReadOnlyList<ApprovedTarget> Targets, DateTimeOffset ReadAt);
}

/// <summary>
/// The catalog with the approved targets of quarterly plans in force (<see cref="TargetOverlay"/>): budgets, status,
/// alerts and <c>/slo design</c> read the target the plan approved from the quarter's start.
/// </summary>
public sealed class PlannedSloCatalog(ISloCatalog inner, ApprovedTargets approved, TimeProvider time) : ISloCatalog
{
    public ISloCatalog Inner => inner;

    public IReadOnlyList<ServiceDefinition> Services => TargetOverlay.Apply(inner.Services, approved.Overrides, time.GetUtcNow());

    public IReadOnlyList<CatalogProblem> Problems => inner.Problems;

    public IReadOnlyList<CatalogProblem> Notes => inner.Notes;

    /// <summary>The approved target in force for an SLO now, or null (the catalog's own target applies).</summary>
    public ApprovedTarget? InForce(SloId slo)
    {
        var now = time.GetUtcNow();
        return approved.All.Where(a => a.Service == slo.Service && a.Slo == slo.Slo && a.EffectiveFrom <= now).MaxBy(a => a.EffectiveFrom);
    }
}
