using SloBot.Chat.ActionItems;
using SloBot.Chat.Budgets;
using SloBot.Chat.Documents;
using SloBot.Chat.Releases;
using SloBot.Chat.Retrospectives;
using SloBot.Core.Budgets;
using SloBot.Core.Catalog;
using SloBot.Core.Sli;

namespace SloBot.Chat.Reviews;

/// <summary>The data each agenda item puts on the table, gathered when the review reaches that item.</summary>
internal sealed class ReviewData(ISloCatalog catalog, BudgetQuery budgets, ISliSource source, PublishedDocuments<RetrospectiveDocument> retros, IActionItemStore actions, IReleaseDecisionLog? releases = null)
{
    /// <summary>A burn rate above this over 3 days is called a slow burn (seed 004 "Consuming at 3x rate (⚠️ slow burn)").</summary>
    public const double SlowBurn = 1.0;

    public async Task<(ServiceHealth[] AtRisk, ServiceHealth[] Healthy)> OverviewAsync(CancellationToken cancellationToken)
    {
        var all = await BudgetsAsync(cancellationToken).ConfigureAwait(false);
        // The status groups of /slo status: unknown is never healthy, nor is a healthy band burning fast.
        var worst = all.GroupBy(b => b.Slo.Service, StringComparer.OrdinalIgnoreCase).Select(g => g.Worst())
            .OrderBy(b => b.Standing()).ThenBy(b => b.Remaining).ToArray();
        ServiceHealth Health(ErrorBudget b) => new(b.Slo.Service, b.Slo.Name, b.Status.ToWord(), b.Remaining, b.BurnRateOver(SloWindow.OneHour), b.Trend().ToWords());
        return (worst.Where(b => b.Standing() != BudgetStanding.Healthy).Select(Health).ToArray(), worst.Where(b => b.Standing() == BudgetStanding.Healthy).Select(Health).ToArray());
    }

    /// <summary>The period's incidents; with <paramref name="services"/>, only theirs (the others' episodes are not even looked for).</summary>
    public async Task<ReviewIncident[]> IncidentsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken, IReadOnlySet<string>? services = null)
    {
        var list = new List<ReviewIncident>();
        foreach (var r in await retros.ListAsync(from, to, cancellationToken).ConfigureAwait(false))
        {
            if (services is not null && !r.Services.Any(services.Contains))
                continue;
            var consumed = r.WorstBudgetConsumed;
            if (consumed is null)
            {
                var slos = r.Services.SelectMany(s => catalog.FindService(s)?.Slos ?? []).ToArray();
                var impact = await SloImpact.ComputeAsync(source, budgets, slos, r.Start, r.End, cancellationToken).ConfigureAwait(false);
                consumed = impact.Select(i => i.BudgetConsumed).Where(c => c is not null).Max();
            }

            list.Add(new ReviewIncident(r.Id, r.IncidentId, r.Services, r.Start, r.Duration.TotalSeconds, r.UserImpact, consumed));
        }

        // Incidents from the data: episodes above the page factor, tied to a retrospective of the same service that overlaps them.
        var retrospectives = list.ToArray();
        var catalogSlos = catalog.Services.Where(s => services is null || services.Contains(s.Name)).SelectMany(s => s.Slos).ToArray();
        foreach (var e in await budgets.EpisodesAsync(catalogSlos, from, to, cancellationToken).ConfigureAwait(false))
        {
            var covering = retrospectives.FirstOrDefault(r => r.Services.Contains(e.Slo.Service, StringComparer.OrdinalIgnoreCase) && r.Start < e.End && r.End > e.Start);
            list.Add(new ReviewIncident(covering?.RetrospectiveId ?? "", covering?.IncidentId ?? "", [e.Slo.Service], e.Start, (e.End - e.Start).TotalSeconds, null, e.BudgetConsumed,
                Episode: true, Slo: e.Slo.Slo, BadEvents: e.BadEvents, NeedsRetro: covering is null && e.WarrantsRetro));
        }

        return list.OrderBy(i => i.Start).ToArray();
    }

    public async Task<BurnAnalysis[]> BurnRatesAsync(CancellationToken cancellationToken) =>
        (await BudgetsAsync(cancellationToken).ConfigureAwait(false))
            .Select(b =>
            {
                var slow = b.BurnRateOver(SloWindow.ThreeDays);
                var trend = b.Trend() switch
                {
                    BudgetTrend.NoData => "no data",
                    var t => $"{t.ToWords()} ({BudgetFormat.BurnRate(slow)} over 3d)",
                };
                return new BurnAnalysis(b.Slo.Service, b.Slo.Name, b.BurnRateOver(SloWindow.OneHour), b.BurnRateOver(SloWindow.SixHours), slow, b.Remaining, b.ProjectedExhaustion, trend);
            })
            .OrderByDescending(a => a.BurnRate3d).ToArray();

    /// <summary>Decisions since <paramref name="from"/> and any still pending. Empty when no release log is registered.</summary>
    public async Task<ReleaseLine[]> ReleasesAsync(DateTimeOffset from, CancellationToken cancellationToken)
    {
        if (releases is not { } log)
            return [];
        var decisions = await log.ListAsync(null, from, cancellationToken, limit: 200).ConfigureAwait(false);
        return decisions.Select(d => new ReleaseLine(d.Id, d.Service, d.Version, d.EffectiveAction.ToString().ToLowerInvariant(), d.IsPending, d.DecidedAt, d.Rationale))
            .OrderByDescending(r => r.Pending).ThenByDescending(r => r.DecidedAt).ToArray();
    }

    /// <summary>Simple, explainable proposals: an exhausted budget questions the target or the reliability work; a budget barely touched could take a tighter target.</summary>
    public async Task<SloProposal[]> ProposalsAsync(CancellationToken cancellationToken)
    {
        var list = new List<SloProposal>();
        foreach (var b in await BudgetsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (b.Status is BudgetStatus.Exhausted or BudgetStatus.Critical)
                list.Add(new SloProposal(b.Slo.Service, b.Slo.Name, $"Review the {BudgetFormat.Target(b.Slo.Target)} target or freeze risky releases", $"{BudgetFormat.Percent(b.Remaining)} of the budget left"));
            else if (b.Sli is not null && b.Consumed < 0.05 && b.Period.Total > 0)
                list.Add(new SloProposal(b.Slo.Service, b.Slo.Name, $"The {BudgetFormat.Target(b.Slo.Target)} target could be tightened", $"only {BudgetFormat.Percent(b.Consumed)} of the budget used over {b.Slo.WindowText()}"));
        }

        return list.ToArray();
    }

    /// <summary>Open items, and items closed since <paramref name="from"/>.</summary>
    public async Task<ActionLine[]> PreviousActionsAsync(DateTimeOffset from, CancellationToken cancellationToken) =>
        (await actions.ListAsync(openOnly: false, cancellationToken).ConfigureAwait(false))
            .Where(i => !i.IsDone || i.DoneAt >= from)
            .Select(i => new ActionLine(i.Id, i.Task, i.Owner, i.Due?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), i.IsDone, i.SourceTitle))
            .ToArray();

    private Task<IReadOnlyList<ErrorBudget>> BudgetsAsync(CancellationToken cancellationToken) =>
        budgets.EvaluateAsync(catalog.Services.SelectMany(s => s.Slos).ToArray(), cancellationToken);
}
