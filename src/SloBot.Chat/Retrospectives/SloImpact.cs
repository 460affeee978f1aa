using SloBot.Chat.Budgets;
using SloBot.Core.Budgets;
using SloBot.Core.Catalog;
using SloBot.Core.Sli;

namespace SloBot.Chat.Retrospectives;

/// <summary>
/// What an incident cost one SLO, from real counts (seed 004, IncidentRetrospective._calculate_slo_impact, with the
/// request rate × 43,200 minutes replaced by the events actually counted over the SLO window ending at the incident's
/// end). Ratios are 0–1; counts are events.
/// </summary>
/// <param name="FailedEvents">Bad events during the incident window.</param>
/// <param name="TotalEvents">All events during the incident window.</param>
/// <param name="WindowEvents">All events over the SLO window (e.g. 30 d) ending at the incident's end.</param>
/// <param name="BudgetConsumed">Failed ÷ (window events × (1 − target)): the share of the window's error budget the incident used; null without traffic.</param>
/// <param name="AvailabilityDuring">Good ÷ total during the incident; null without traffic.</param>
/// <param name="BudgetRemainingNow">The SLO's remaining budget now (may be negative; null without data).</param>
public sealed record SloImpact(
    string Service,
    string Slo,
    double Target,
    string Window,
    double FailedEvents,
    double TotalEvents,
    double WindowEvents,
    double? BudgetConsumed,
    double? AvailabilityDuring,
    double? BudgetRemainingNow)
{
    /// <summary>One batched source call for the incident window and every SLO window, then the live budgets.</summary>
    public static async Task<IReadOnlyList<SloImpact>> ComputeAsync(
        ISliSource source, BudgetQuery budgets, IReadOnlyList<SloDefinition> slos, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        if (slos.Count == 0)
            return [];
        var duration = end - start;
        var windows = slos.Select(s => s.CountWindowAt(end)).Append(duration).Distinct().Order().ToArray();
        var counts = await source.CountAsync(slos, windows, end, cancellationToken).ConfigureAwait(false);
        var now = await budgets.EvaluateAsync(slos, cancellationToken).ConfigureAwait(false);
        return slos.Select((slo, i) =>
        {
            var during = counts.Get(slo.Id, duration);
            var window = counts.Get(slo.Id, slo.CountWindowAt(end));
            var allowed = window.Total * slo.ErrorBudgetRatio;
            return new SloImpact(
                slo.Service,
                slo.Name,
                slo.Target,
                SloWindow.Format(slo.Window),
                during.Bad,
                during.Total,
                window.Total,
                allowed > 0 ? during.Bad / allowed : null,
                during.HasEvents ? during.Good / during.Total : null,
                now[i].Remaining);
        }).ToArray();
    }
}
