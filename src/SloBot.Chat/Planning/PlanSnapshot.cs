using SloBot.Core.Planning;

namespace SloBot.Chat.Planning;

/// <summary>The plan's data as a conversation stores it (so the published plan shows what the team saw) and how it moves between weeks.</summary>
internal static class PlanSnapshot
{
    public static PlanSloLine[] Lines(QuarterPlanDraft d) => d.Slos.Select(s => new PlanSloLine(
        s.Slo.Service, s.Slo.Name, s.TargetPercent, s.Slo.Window.TotalSeconds, s.AchievedPercent, s.BudgetConsumed, s.BeforePercent,
        s.Trend is not null ? PlanText.Trend(s, d.Before) : null, s.Episodes.Count, s.Retrospectives.Select(r => r.IncidentId).ToArray(),
        s.Proposal is { } p ? PlanText.Rule(p.Rule) : null, s.Proposal is { } q ? Math.Round(q.ProposedPercent, 10) : null, s.Proposal?.Rationale,
        s.Proposal?.ClampReversed ?? false, s.Proposal is { } a ? Math.Round(a.ProposedPercent, 10) : null)).ToArray();

    /// <summary>The open action items of the draft (the gap items are recomputed from the targets week 2 settles).</summary>
    public static PlanWorkLine[] ActionItems(QuarterPlanDraft d) => d.Work.Where(w => w.Source == InitiativeSource.ActionItem)
        .Select(w => new PlanWorkLine(w.Key, "actionItem", w.Title, w.ImpactPoints, w.EffortWeeks)).ToArray();

    /// <summary>
    /// The document's roadmap on the settled targets: a gap item for each SLO whose approved target is above what it
    /// achieved (impact: the gap unless rated), then the action items; ratings by key fill the estimates.
    /// </summary>
    public static PlanWorkLine[] Work(IReadOnlyList<PlanSloLine> slos, IReadOnlyList<PlanWorkLine> actionItems, IReadOnlyDictionary<string, InitiativeRating> ratings)
    {
        var gaps = slos.Where(s => s.AchievedPercent is not null && s.ApprovedPercent is { } t && t - s.AchievedPercent!.Value > 0)
            .Select(s => new PlanWorkLine(PlanInitiative.GapKey(s.Service, s.Slo), "gap", $"Reach {PlanText.Percent(s.ApprovedPercent!.Value)} on {s.Name} (achieved {PlanText.Percent(s.AchievedPercent!.Value)})",
                s.ApprovedPercent!.Value - s.AchievedPercent!.Value, null));
        return gaps.Concat(actionItems).Select(w => ratings.GetValueOrDefault(w.Key) is { } r
            ? w with { ImpactPoints = r.ImpactPoints ?? w.ImpactPoints, EffortWeeks = r.EffortWeeks ?? w.EffortWeeks }
            : w).ToArray();
    }

    /// <summary>The rated lines in the document's impact ÷ effort order (ranked), the sums, and the unrated lines.</summary>
    public static (PlanWorkLine[] Ordered, PlanWorkLine[] Unrated, double TotalEffort, double Improvement) Order(IReadOnlyList<PlanWorkLine> work)
    {
        var roadmap = ReliabilityRoadmap.Order(work.Where(Rated).Select(w => new RatedInitiative<PlanWorkLine>(w, w.ImpactPoints!.Value, w.EffortWeeks!.Value)));
        var ordered = roadmap.Initiatives.Select((r, i) => r.Item with { Rank = i + 1, Priority = r.Priority }).ToArray();
        return (ordered, work.Where(w => !Rated(w)).ToArray(), roadmap.TotalEffort, roadmap.ProjectedImprovement);
    }

    public static bool Rated(PlanWorkLine w) => w.ImpactPoints is not null && w.EffortWeeks is > 0;
}
