using SloBot.Chat.Commands;
using SloBot.Chat.Replies;
using SloBot.Core.Budgets;
using SloBot.Core.Catalog;

namespace SloBot.Chat.Budgets;

/// <summary><c>/slo status</c>: every service, riskiest first, from one batched budget evaluation.</summary>
internal sealed class StatusCommand(ISloCatalog catalog, BudgetQuery budgets) : ICommandHandler
{
    public CommandSpec Spec { get; } = new("status", "Every service sorted by risk (least budget left first)", [], ["/slo status"]);

    public async Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (catalog.Services.Count == 0)
            return CatalogLookup.EmptyCatalog();
        var all = await budgets.EvaluateAsync(catalog.Services.SelectMany(s => s.Slos).ToArray(), cancellationToken).ConfigureAwait(false);
        var worstPerService = all
            .GroupBy(b => b.Slo.Service, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.OrderBy(b => b.Remaining).First())
            .OrderByDescending(b => b.Status.Severity())
            .ThenBy(b => b.Remaining)
            .ThenBy(b => b.Slo.Service, StringComparer.Ordinal)
            .ToArray();
        var atRisk = worstPerService.Count(b => b.Status != BudgetStatus.Healthy);
        return new Reply
        {
            Header = "SLO status",
            Blocks =
            [
                new TextBlock(atRisk == 0
                    ? $"All {worstPerService.Length} services are healthy."
                    : $"**{atRisk}** of {worstPerService.Length} services need attention."),
                new TableBlock(
                    ["", "service", "worst SLO", "remaining", "burn 1h", "exhaustion"],
                    worstPerService.Select(b => (IReadOnlyList<string>)
                    [
                        BudgetFormat.StatusEmoji(b.Status), b.Slo.Service, b.Slo.Name, BudgetFormat.Percent(b.Remaining),
                        BudgetFormat.BurnRate(b.BurnRateOver(SloWindow.OneHour)), BudgetFormat.Exhaustion(b),
                    ]).ToArray()),
            ],
            Summary = $"{atRisk} of {worstPerService.Length} services need attention",
            Data = new
            {
                services = worstPerService.Select(b => new
                {
                    service = b.Slo.Service,
                    worstSlo = b.Slo.Name,
                    status = b.Status.ToWord(),
                    remaining = b.Remaining,
                    burnRate1h = b.BurnRateOver(SloWindow.OneHour),
                    projectedExhaustion = b.ProjectedExhaustion?.ToUniversalTime(),
                }).ToArray(),
                slos = all.Select(BudgetSloData.From).ToArray(),
            },
        };
    }
}
