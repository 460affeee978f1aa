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
        var counts = await source.CountAsync(slos, BudgetMath.WindowsFor(slos), now, cancellationToken).ConfigureAwait(false);
        return slos.Select(s => BudgetMath.Evaluate(s, counts, now)).ToArray();
    }
}
