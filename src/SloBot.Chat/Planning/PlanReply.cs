using SloBot.Chat.Budgets;
using SloBot.Chat.Replies;
using SloBot.Core.Planning;

namespace SloBot.Chat.Planning;

/// <summary>The reply of <c>/slo plan [quarter]</c>: review (week 1), targets (week 2) and roadmap (week 3) of seed 004.</summary>
internal static class PlanReply
{
    public static Reply Render(QuarterPlanDraft d, TimeZoneInfo zone)
    {
        var counted = d.Slos.Where(s => s.HasData).ToArray();
        var (roadmap, unrated) = PlanRoadmap.Of(d.Work);
        var blocks = new List<ReplyBlock>
        {
            new TextBlock($"Planning **{d.Planned.Label}** ({PlanText.Dates(d.PlannedStart, d.PlannedEnd, zone)}, {d.TimeZone}) from **{d.Reviewed.Quarter.Label}**{PlanText.SoFar(d.Reviewed)}, " +
                          $"compared with {d.Before.Quarter.Label}."),
        };
        blocks.AddRange(Review(d, counted));
        blocks.AddRange(Targets(counted));
        blocks.AddRange(Roadmap(roadmap, unrated));
        if (d.WithoutData.ToArray() is { Length: > 0 } none)
            blocks.Add(new TextBlock("⚠️ " + string.Join(" ", none.Select(s => s.SourceError is { } e
                ? $"{s.Slo.Service} {s.Slo.Name}: {e}"
                : $"{s.Slo.Service} {s.Slo.Name}: no events in {d.Reviewed.Quarter}, no proposal."))));
        var changes = counted.Count(s => s.Proposal!.Rule != ProposalRule.Keep);
        return new Reply
        {
            Header = $"Quarterly SLO plan · {d.Planned}",
            Blocks = blocks,
            Context = "Seed 004: tighten by 0.1 when the SLI beat the target by more than 0.5 points (at most 99.99 %), relax by 0.1 when it missed (at least 99 %), else keep; " +
                      "work ordered by impact ÷ effort. `/slo plan start` runs the four weeks in a thread and records the approved targets.",
            Summary = $"{d.Planned} plan: {Humanizer.ToQuantityExtensions.ToQuantity("SLO", counted.Length)} reviewed, {changes} target {(changes == 1 ? "change" : "changes")} proposed",
            Data = PlanData.Of(d, roadmap, unrated),
        };
    }

    private static IEnumerable<ReplyBlock> Review(QuarterPlanDraft d, IReadOnlyList<SloQuarter> counted)
    {
        yield return new TextBlock($"**Week 1 · Review of {d.Reviewed.Quarter.Label}**");
        if (counted.Count == 0)
        {
            yield return new TextBlock($"No SLO had events in {d.Reviewed.Quarter}: nothing to review or propose.");
            yield break;
        }

        yield return new TableBlock(
            ["SLO", "target", "achieved", "budget used", "trend", "episodes", "retros"],
            counted.Select(s => (IReadOnlyList<string>)
            [
                $"{s.Slo.Service} {s.Slo.Name}", PlanText.Percent(s.TargetPercent), PlanText.Percent(s.AchievedPercent!.Value), BudgetFormat.Percent(s.BudgetConsumed),
                PlanText.Trend(s, d.Before), s.Episodes.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                s.Retrospectives.Count == 0 ? "—" : string.Join(", ", s.Retrospectives.Select(r => r.IncidentId)),
            ]).ToArray());
        var worst = counted.SelectMany(s => s.Episodes.Select(e => (s, e))).OrderByDescending(x => x.e.BudgetConsumed).Take(5).ToArray();
        if (worst.Length > 0)
            yield return new TextBlock("Budget-consuming episodes (hours above the page burn rate; shares of the quarter's budget):\n" + string.Join("\n", worst.Select(x =>
                $"• {x.s.Slo.Service} {x.s.Slo.Name}: {x.e.Start.UtcDateTime.ToString("ddd d MMM HH:mm", System.Globalization.CultureInfo.InvariantCulture)} UTC, " +
                $"{BudgetFormat.TwoUnits(x.e.End - x.e.Start)}, {BudgetFormat.Count(x.e.BadEvents)} bad events, {BudgetFormat.Percent(x.e.BudgetConsumed)} of the budget")));
    }

    private static IEnumerable<ReplyBlock> Targets(IReadOnlyList<SloQuarter> counted)
    {
        if (counted.Count == 0)
            yield break;
        yield return new TextBlock("**Week 2 · Proposed targets**\n" + string.Join("\n", counted.Select(s =>
            $"• {s.Slo.Service} {s.Slo.Name}: {PlanText.Proposal(s.Proposal!)}; {PlanText.Impact(s.Impact!, s.Slo.Window)}")));
    }

    private static IEnumerable<ReplyBlock> Roadmap(Roadmap<PlanInitiative> rated, IReadOnlyList<PlanInitiative> unrated)
    {
        yield return new TextBlock("**Week 3 · Reliability roadmap**");
        if (rated.Initiatives.Count == 0 && unrated.Count == 0)
        {
            yield return new TextBlock("No reliability work: every proposed target is at or under what was achieved, and no action item is open.");
            yield break;
        }

        if (rated.Initiatives.Count > 0)
            yield return new TableBlock(
                ["#", "initiative", "impact", "effort", "impact ÷ effort"],
                rated.Initiatives.Select((i, n) => (IReadOnlyList<string>)
                [
                    (n + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), i.Item.Title, PlanText.Points(i.Impact), PlanText.Weeks(i.Effort),
                    i.Priority.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture),
                ]).ToArray());
        if (rated.Initiatives.Count > 0)
            yield return new TextBlock($"Total {PlanText.Weeks(rated.TotalEffort)} for a projected {PlanText.Points(rated.ProjectedImprovement)}.");
        if (unrated.Count > 0)
            yield return new TextBlock($"To rate ({Humanizer.ToQuantityExtensions.ToQuantity("item", unrated.Count)}; SloBot cannot know the effort, nor an action item's impact — `/slo plan start` asks):\n" +
                                       string.Join("\n", unrated.Select(u => $"• {u.Title}" + (u.ImpactPoints is { } p ? $" (impact {PlanText.Points(p)}, the gap)" : ""))));
    }
}
