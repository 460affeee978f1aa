using SloBot.Core.Budgets;
using SloBot.Core.Catalog;
using SloBot.Core.Sli;

namespace SloBot.Chat.Budgets;

/// <summary>Live error budgets: one batched source call for any number of SLOs, then the core's arithmetic.</summary>
public sealed class BudgetQuery(ISliSource source, TimeProvider time)
{
    public async Task<IReadOnlyList<ErrorBudget>> EvaluateAsync(IReadOnlyList<SloDefinition> slos, CancellationToken cancellationToken)
    {
        if (slos.Count == 0)
            return [];
        var now = time.GetUtcNow();
        var windows = BudgetMath.WindowsFor(slos, now);
        var counts = await source.CountAsync(slos, windows, now, cancellationToken).ConfigureAwait(false);
        foreach (var slo in slos)
        {
            foreach (var window in windows.Where(w => w == slo.CountWindowAt(now) || SloWindow.BurnRateWindows.Contains(w)))
                ThrowIfImpossible(slo, window, counts.Get(slo.Id, window));
        }

        return slos.Select(s => BudgetMath.Evaluate(s, counts, now)).ToArray();
    }

    /// <summary>NaN, ±Inf, negative counts or good &gt; total: the SLI source failed for this SLO (exit 1), never a budget.</summary>
    public static void ThrowIfImpossible(SloDefinition slo, TimeSpan window, EventCounts counts)
    {
        if (BudgetMath.Impossibility(counts) is { } problem)
            throw new SliSourceException($"The SLI source gave an impossible value for {slo.Id} over {SloWindow.Format(window)}: {problem}. Check its SLI queries; SloBot shows no budget from such counts.");
    }
}
