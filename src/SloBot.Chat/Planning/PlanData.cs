using SloBot.Core.Planning;

namespace SloBot.Chat.Planning;

/// <summary>The <c>--json</c> shape of a plan (README, docs/planning.md): percentages in percent, shares 0–1, minutes, engineer-weeks, ISO-8601 UTC.</summary>
internal static class PlanData
{
    public static object Of(QuarterPlanDraft d, Roadmap<PlanInitiative> rated, IReadOnlyList<PlanInitiative> unrated) => new
    {
        quarter = d.Planned.ToString(),
        quarterStart = d.PlannedStart.ToUniversalTime(),
        quarterEnd = d.PlannedEnd.ToUniversalTime(),
        timeZone = d.TimeZone,
        reviewed = Quarter(d.Reviewed),
        before = Quarter(d.Before),
        slos = d.Slos.Select(Slo).ToArray(),
        roadmap = new
        {
            initiatives = rated.Initiatives.Select(i => Initiative(i.Item, i.Priority)).ToArray(),
            totalEffortWeeks = rated.TotalEffort,
            projectedImprovementPoints = rated.ProjectedImprovement,
            unrated = unrated.Select(u => Initiative(u, null)).ToArray(),
        },
    };

    public static object Quarter(CountedQuarter q) => new
    {
        quarter = q.Quarter.ToString(),
        start = q.Start.ToUniversalTime(),
        end = q.End.ToUniversalTime(),
        countedUntil = q.CountedUntil.ToUniversalTime(),
        complete = q.Complete,
    };

    public static object Slo(SloQuarter s) => new
    {
        service = s.Slo.Service,
        slo = s.Slo.Name,
        targetPercent = s.TargetPercent,
        window = Core.Budgets.SloWindow.Format(s.Slo.Window),
        windowSeconds = s.Slo.Window.TotalSeconds,
        achievedPercent = s.AchievedPercent,
        goodEvents = s.HasData ? s.Counts.Good : (double?)null,
        totalEvents = s.HasData ? s.Counts.Total : (double?)null,
        budgetConsumed = s.BudgetConsumed,
        beforeAchievedPercent = s.BeforePercent,
        trend = s.Trend?.ToWords(),
        trendPoints = s.AchievedPercent - s.BeforePercent is { } delta ? Math.Round(delta, 10) : (double?)null,
        episodes = s.Episodes.Select(e => new { start = e.Start.ToUniversalTime(), end = e.End.ToUniversalTime(), badEvents = e.BadEvents, budgetConsumed = e.BudgetConsumed }).ToArray(),
        retrospectives = s.Retrospectives.Select(r => new { id = r.Id, incidentId = r.IncidentId, start = r.Start.ToUniversalTime(), durationSeconds = r.DurationSeconds, budgetConsumed = r.BudgetConsumed }).ToArray(),
        proposal = s.Proposal is { } p ? new
        {
            currentPercent = p.CurrentPercent,
            proposedPercent = Math.Round(p.ProposedPercent, 10),
            proposedTarget = p.ProposedRatio,
            rule = PlanText.Rule(p.Rule),
            rationale = p.Rationale,
            clampReversed = p.ClampReversed,
            gapPoints = ReliabilityRoadmap.Gap(p),
            budgetMinutes = new { current = s.Impact!.CurrentMinutes, proposed = s.Impact.ProposedMinutes, change = s.Impact.ChangeMinutes },
        } : null,
        sourceError = s.SourceError,
    };

    public static object Initiative(PlanInitiative i, double? priority) => new
    {
        key = i.Key,
        source = i.Source == InitiativeSource.Gap ? "gap" : "actionItem",
        title = i.Title,
        service = i.Service,
        slo = i.Slo,
        impactPoints = i.ImpactPoints,
        effortWeeks = i.EffortWeeks,
        priority,
    };

    /// <summary>Percent → ratio as the catalog writes targets (rounded to 12 decimals: 99.9 is 0.999, not 0.9990000000000001).</summary>
    public static double Ratio(double percent) => Math.Round(percent / 100, 12);
}
