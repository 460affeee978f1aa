using System.Collections.Concurrent;
using SloBot.Core.Budgets;
using SloBot.Core.Catalog;
using SloBot.Core.Sli;

namespace SloBot.Chat.Budgets;

/// <summary>
/// Live error budgets: one batched source call for any number of SLOs, then the core's arithmetic; the SLOs' hourly
/// history (one batched read per hour, shared by everyone asking) adds coverage and the hour-by-hour projection.
/// </summary>
public sealed class BudgetQuery(ISliSource source, TimeProvider time)
{
    private readonly ConcurrentDictionary<(SloId Slo, TimeSpan Window, DateTimeOffset End), Lazy<Task<IReadOnlyList<EventBucket>>>> _history = new();

    public async Task<IReadOnlyList<ErrorBudget>> EvaluateAsync(IReadOnlyList<SloDefinition> slos, CancellationToken cancellationToken)
    {
        if (slos.Count == 0)
            return [];
        var now = time.GetUtcNow();
        var windows = BudgetMath.WindowsFor(slos, now);
        var counts = await source.CountForBudgetsAsync(slos, windows, now, cancellationToken).ConfigureAwait(false);
        BudgetMath.FailImpossible(slos, counts, now); // that SLO is a source failure; the others are answered

        var results = slos.Select(s => BudgetMath.Evaluate(s, counts, now)).ToArray();
        var end = BudgetHistory.End(now);
        // Rolling event windows only: a calendar period projects to its reset, a time-slice SLO counts slices, not events.
        var histories = History(results.Where(b => b.HasData && b.Slo.Calendar is null && b.Slo.TimeSlices is null).Select(b => b.Slo).DistinctBy(s => s.Id).ToArray(), end);
        for (var i = 0; i < results.Length; i++)
        {
            if (histories.TryGetValue(results[i].Slo.Id, out var read))
                results[i] = await WithHistoryAsync(results[i], read, end, cancellationToken).ConfigureAwait(false);
        }

        return results;
    }

    /// <summary>
    /// The budget-consuming episodes (<see cref="BudgetEpisodes"/>) overlapping [<paramref name="from"/>,
    /// <paramref name="to"/>) in the rolling event SLOs' hourly history — the same cached read as the budgets. An SLO whose
    /// history cannot be read adds none (the budgets say why).
    /// </summary>
    public async Task<IReadOnlyList<BudgetEpisode>> EpisodesAsync(IReadOnlyList<SloDefinition> slos, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var rolling = slos.Where(s => s.Calendar is null && s.TimeSlices is null).DistinctBy(s => s.Id).ToArray();
        if (rolling.Length == 0)
            return [];
        var end = BudgetHistory.End(time.GetUtcNow());
        var histories = History(rolling, end);
        var episodes = new List<BudgetEpisode>();
        foreach (var slo in rolling)
        {
            try
            {
                var buckets = await histories[slo.Id].WaitAsync(cancellationToken).ConfigureAwait(false);
                episodes.AddRange(BudgetEpisodes.Find(slo, buckets, BudgetHistory.Step(slo.Window), end, from, to));
            }
            catch (SliSourceException)
            {
                // no history, no episodes: the budget reply carries the source's failure
            }
        }

        return episodes.OrderBy(e => e.Start).ToArray();
    }

    /// <summary>NaN, ±Inf, negative counts or good &gt; total in a history bucket: the read fails (exit 1), never a budget.</summary>
    public static void ThrowIfImpossible(SloDefinition slo, TimeSpan window, EventCounts counts)
    {
        if (BudgetMath.Impossibility(counts) is { } problem)
            throw new SliSourceException(BudgetMath.ImpossibleValue(slo, window, problem));
    }

    /// <summary>
    /// Coverage and the hour-by-hour exhaustion projection from the SLO's history (the burn-down chart's step, ending at
    /// the whole hour). Without history (the source gives none, or reading it failed) the budget keeps the projection
    /// from its own counts and has no coverage: the history costs detail, never the budget.
    /// </summary>
    private static async Task<ErrorBudget> WithHistoryAsync(ErrorBudget budget, Task<IReadOnlyList<EventBucket>> read, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var slo = budget.Slo;
        var step = BudgetHistory.Step(slo.Window);
        IReadOnlyList<EventBucket> buckets;
        try
        {
            buckets = await read.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SliSourceException)
        {
            return budget;
        }

        foreach (var bucket in buckets.Where(b => !b.Missing))
        {
            if (BudgetMath.Impossibility(bucket.Counts) is { } problem)
                return BudgetMath.Failed(slo, budget.At, BudgetMath.ImpossibleValue(slo, step, problem));
        }

        if (BudgetHistory.Coverage(buckets, slo.Window, end, step) is not { } coverage)
            return budget;
        var projected = budget.Status is BudgetStatus.Exhausted or BudgetStatus.NoData
            ? null
            : BudgetHistory.ProjectExhaustion(buckets, step, slo.Target, slo.Window, end, budget.CurrentBurn);
        return budget with { Coverage = coverage, ProjectedExhaustion = projected };
    }

    /// <summary>
    /// The history up to a whole hour does not change within that hour: read once per SLO and hour, the SLOs not read
    /// yet in one batched source call (a failed read is forgotten so the next ask tries again); older hours dropped.
    /// </summary>
    private Dictionary<SloId, Task<IReadOnlyList<EventBucket>>> History(IReadOnlyList<SloDefinition> slos, DateTimeOffset end)
    {
        foreach (var old in _history.Keys.Where(k => k.End < end))
            _history.TryRemove(old, out _);
        var missing = new List<SloDefinition>();
        var batch = new Lazy<Task<IReadOnlyDictionary<SloId, IReadOnlyList<EventBucket>>>>(() => ReadAsync([.. missing], end));
        var entries = slos.Select(slo =>
        {
            var key = (slo.Id, slo.Window, end);
            return (Key: key, Entry: _history.GetOrAdd(key, _ =>
            {
                missing.Add(slo);
                return new Lazy<Task<IReadOnlyList<EventBucket>>>(() => PickAsync(batch.Value, slo.Id));
            }));
        }).ToArray(); // every missing SLO is known before the first read starts
        var result = new Dictionary<SloId, Task<IReadOnlyList<EventBucket>>>();
        foreach (var (key, entry) in entries)
        {
            result[key.Id] = entry.Value;
            _ = entry.Value.ContinueWith(_ => _history.TryRemove(key, out var _), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return result;
    }

    private async Task<IReadOnlyDictionary<SloId, IReadOnlyList<EventBucket>>> ReadAsync(IReadOnlyList<SloDefinition> slos, DateTimeOffset end)
    {
        await Task.Yield(); // a source that throws at once fails the task, not the cache entry
        return await source.HistoriesAsync(slos, end, CancellationToken.None).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<EventBucket>> PickAsync(Task<IReadOnlyDictionary<SloId, IReadOnlyList<EventBucket>>> batch, SloId slo) =>
        (await batch.ConfigureAwait(false)).TryGetValue(slo, out var buckets) ? buckets : [];
}
