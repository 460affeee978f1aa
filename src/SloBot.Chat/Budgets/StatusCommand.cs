using Humanizer;
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
            .Select(g => g.Worst())
            .OrderBy(b => b.Standing())
            .ThenBy(b => b.Remaining)
            .ThenBy(b => b.Slo.Service, StringComparer.Ordinal)
            .ToArray();
        var atRisk = worstPerService.Count(b => b.Standing() != BudgetStanding.Healthy);
        var blocks = new List<ReplyBlock>
        {
            new TextBlock(atRisk == 0
                ? $"All {worstPerService.Length} services are healthy."
                : $"**{atRisk}** of {worstPerService.Length} services need attention."),
        };
        foreach (var group in worstPerService.GroupBy(b => b.Standing()))
        {
            blocks.Add(new TextBlock($"**{group.Key.ToWords().Transform(To.SentenceCase)}** ({group.Count()})"));
            blocks.Add(new TableBlock(
                ["", "service", "worst SLO", "remaining", "burn 1h", "trend", "exhaustion"],
                group.Select(b => (IReadOnlyList<string>)
                [
                    BudgetFormat.StatusEmoji(b.Status), b.Slo.Service, b.Slo.Name, BudgetFormat.Percent(b.Remaining),
                    b.HasData ? BudgetFormat.BurnRate(b.BurnRateOver(SloWindow.OneHour)) : "—", b.Trend().ToWords(), BudgetFormat.Exhaustion(b),
                ]).ToArray()));
        }

        var failed = all.Where(b => b.SourceError is not null).ToArray();
        if (failed.Length > 0)
        {
            blocks.Add(new TextBlock($"⚠️ {failed.Length} SLO{(failed.Length == 1 ? " was" : "s were")} not counted (the others are):"));
            foreach (var b in failed)
                blocks.Add(new TextBlock($"• {b.SourceError}"));
        }

        var partial = all.Where(b => b.PartlyCovered).ToArray();
        if (partial.Length > 0)
            blocks.Add(new TextBlock("⚠️ Only partly covered by data (share of the window with samples): " +
                string.Join(", ", partial.Select(b => $"{b.Slo.Service} {b.Slo.Name} {BudgetFormat.Percent(b.Coverage, 1)}")) + "."));

        return new Reply
        {
            Header = "SLO status",
            Blocks = blocks,
            ExitCode = all.Count > 0 && failed.Length == all.Count ? ExitCodes.SourceFailed : ExitCodes.Answered, // nothing counted is a source failure
            Summary = $"{atRisk} of {worstPerService.Length} services need attention",
            Data = new
            {
                services = worstPerService.Select(b => new
                {
                    service = b.Slo.Service,
                    worstSlo = b.Slo.Name,
                    group = b.Standing().ToKey(),
                    status = b.Status.ToWord(),
                    trend = b.Trend().ToWords(),
                    remaining = b.Remaining,
                    burnRate1h = b.HasData ? b.BurnRateOver(SloWindow.OneHour) : (double?)null,
                    projectedExhaustion = b.ProjectedExhaustion?.ToUniversalTime(),
                    coverage = b.Coverage,
                }).ToArray(),
                slos = all.Select(BudgetSloData.From).ToArray(),
                catalogProblems = catalog.Problems.Count(p => p.Severity == CatalogSeverity.Error),
                sloErrors = failed.Select(b => new { service = b.Slo.Service, slo = b.Slo.Name, file = b.Slo.SourceFile, line = b.Slo.SourceLine, message = b.SourceError }).ToArray(),
            },
        };
    }
}
