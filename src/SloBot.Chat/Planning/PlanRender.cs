using System.Globalization;
using System.Net;
using System.Text;
using SloBot.Chat.Budgets;
using SloBot.Chat.Replies;

namespace SloBot.Chat.Planning;

/// <summary>A quarterly plan as chat blocks (each week of the conversation, the approved plan), markdown, html and json.</summary>
public static class PlanRender
{
    public static Reply Reply(PlanDocument doc) => new()
    {
        Header = $"Quarterly SLO Plan {doc.Quarter} — approved",
        Blocks = Blocks(doc),
        Context = $"Approved · the targets apply from {Start(doc)} to budgets, `/slo status`, `/slo design` and `slobot rules` · `/slo plan export {doc.Quarter} markdown|html|json`",
        Summary = $"Quarterly SLO plan {doc.Quarter} approved ({doc.Id})",
        Data = doc,
    };

    public static IReadOnlyList<ReplyBlock> Blocks(PlanDocument doc)
    {
        var blocks = new List<ReplyBlock>();
        blocks.AddRange(ReviewBlocks(doc.Slos, doc.ReviewedQuarter, doc.ReviewedComplete));
        if (doc.ReviewNotes is { Length: > 0 } notes)
            blocks.Add(new FieldsBlock([new ReplyField("Review notes", notes)]));
        blocks.Add(TargetsBlock(doc.Slos, approved: true));
        blocks.AddRange(RoadmapBlocks(doc.Roadmap, doc.Unrated, doc.TotalEffortWeeks, doc.ProjectedImprovementPoints));
        if (doc.ApprovalNotes is { Length: > 0 } approval)
            blocks.Add(new FieldsBlock([new ReplyField("Approval notes", approval)]));
        return blocks;
    }

    public static IReadOnlyList<ReplyBlock> ReviewBlocks(IReadOnlyList<PlanSloLine> slos, string reviewed, bool complete)
    {
        var counted = slos.Where(s => s.AchievedPercent is not null).ToArray();
        if (counted.Length == 0)
            return [new TextBlock($"**Review of {reviewed}**: no SLO had events, nothing to review.")];
        var blocks = new List<ReplyBlock>
        {
            new TextBlock($"**Review of {reviewed}**{(complete ? "" : " (so far)")}"),
            new TableBlock(
                ["SLO", "target", "achieved", "budget used", "trend", "episodes", "retros"],
                counted.Select(s => (IReadOnlyList<string>)
                [
                    s.Name, PlanText.Percent(s.TargetPercent), PlanText.Percent(s.AchievedPercent!.Value), BudgetFormat.Percent(s.BudgetConsumed), s.Trend ?? "—",
                    s.Episodes.ToString(CultureInfo.InvariantCulture), s.Retrospectives.Count == 0 ? "—" : string.Join(", ", s.Retrospectives),
                ]).ToArray()),
        };
        if (slos.Where(s => s.AchievedPercent is null).Select(s => s.Name).ToArray() is { Length: > 0 } none)
            blocks.Add(new TextBlock($"No events, no proposal: {string.Join(", ", none)}."));
        return blocks;
    }

    /// <summary>Week 2: each SLO's proposal (or approved target) with the rationale and the budget in minutes per window.</summary>
    public static ReplyBlock TargetsBlock(IReadOnlyList<PlanSloLine> slos, bool approved) => new TextBlock(
        (approved ? "**Approved targets**\n" : "**Proposed targets**\n") + string.Join("\n", slos.Where(s => s.ProposedPercent is not null).Select(s => $"• {TargetLine(s, approved)}")));

    public static string TargetLine(PlanSloLine s, bool approved)
    {
        var target = approved ? s.ApprovedPercent!.Value : s.ProposedPercent!.Value;
        var window = TimeSpan.FromSeconds(s.WindowSeconds);
        var impact = Core.Planning.BudgetImpact.Of(s.TargetPercent, target, window);
        var what = Math.Abs(target - s.TargetPercent) < 1e-9 ? $"{PlanText.Percent(target)} (unchanged)" : $"{PlanText.Percent(s.TargetPercent)} → {PlanText.Percent(target)}";
        var why = approved && s.ApprovedPercent != s.ProposedPercent
            ? $"set by the team (proposed {PlanText.Percent(s.ProposedPercent!.Value)}: {s.Rationale})"
            : $"{s.Rule}: {s.Rationale}" + (s.ClampReversed ? " — the document's clamp moves this target the other way" : "");
        return $"{s.Name}: {what} — {why}; {PlanText.Impact(impact, window)}";
    }

    public static IReadOnlyList<ReplyBlock> RoadmapBlocks(IReadOnlyList<PlanWorkLine> ordered, IReadOnlyList<PlanWorkLine> unrated, double effort, double improvement)
    {
        var blocks = new List<ReplyBlock> { new TextBlock("**Reliability roadmap** (impact ÷ effort, highest first)") };
        if (ordered.Count == 0 && unrated.Count == 0)
            blocks.Add(new TextBlock("No reliability work: no approved target is above what was achieved, and no action item is open."));
        if (ordered.Count > 0)
        {
            blocks.Add(new TableBlock(
                ["#", "initiative", "impact", "effort", "impact ÷ effort"],
                ordered.Select(w => (IReadOnlyList<string>)
                [
                    w.Rank!.Value.ToString(CultureInfo.InvariantCulture), w.Title, PlanText.Points(w.ImpactPoints!.Value), PlanText.Weeks(w.EffortWeeks!.Value),
                    w.Priority!.Value.ToString("0.###", CultureInfo.InvariantCulture),
                ]).ToArray()));
            blocks.Add(new TextBlock($"Total {PlanText.Weeks(effort)} for a projected {PlanText.Points(improvement)}."));
        }

        if (unrated.Count > 0)
            blocks.Add(new TextBlock("Not rated (left out of the order):\n" + string.Join("\n", unrated.Select(u => $"• {u.Title}"))));
        return blocks;
    }

    public static string Markdown(PlanDocument doc)
    {
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# Quarterly SLO Plan {doc.Quarter}\n\n");
        md.Append(CultureInfo.InvariantCulture, $"**Quarter**: {Start(doc)} to {TimeZoneInfo.ConvertTime(doc.QuarterEnd, Zone(doc)).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} ({doc.TimeZone})  \n");
        md.Append(CultureInfo.InvariantCulture, $"**Approved**: {doc.PublishedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC, started by <@{doc.StartedBy}>\n\n");
        md.Append(CultureInfo.InvariantCulture, $"## Week 1: Review of {doc.ReviewedQuarter}{(doc.ReviewedComplete ? "" : " (so far)")}\n\n");
        md.Append("| SLO | target | achieved | budget used | trend | episodes | retrospectives |\n| --- | --- | --- | --- | --- | --- | --- |\n");
        foreach (var s in doc.Slos)
        {
            md.Append(CultureInfo.InvariantCulture, $"| {s.Name} | {PlanText.Percent(s.TargetPercent)} | {(s.AchievedPercent is { } a ? PlanText.Percent(a) : "no data")} | {BudgetFormat.Percent(s.BudgetConsumed)} | {s.Trend ?? "—"} | {s.Episodes} | {(s.Retrospectives.Count == 0 ? "—" : string.Join(", ", s.Retrospectives))} |\n");
        }

        if (doc.ReviewNotes is { Length: > 0 } notes)
            md.Append(CultureInfo.InvariantCulture, $"\n**Notes**: {notes}\n");
        md.Append("\n## Week 2: Targets\n\n");
        foreach (var s in doc.Slos.Where(s => s.ProposedPercent is not null))
            md.Append(CultureInfo.InvariantCulture, $"- {TargetLine(s, approved: true)}\n");
        md.Append("\n## Week 3: Reliability roadmap\n\n");
        if (doc.Roadmap.Count > 0)
        {
            md.Append("| # | initiative | impact | effort | impact ÷ effort |\n| --- | --- | --- | --- | --- |\n");
            foreach (var w in doc.Roadmap)
                md.Append(CultureInfo.InvariantCulture, $"| {w.Rank} | {w.Title} | {PlanText.Points(w.ImpactPoints!.Value)} | {PlanText.Weeks(w.EffortWeeks!.Value)} | {w.Priority!.Value.ToString("0.###", CultureInfo.InvariantCulture)} |\n");
            md.Append(CultureInfo.InvariantCulture, $"\nTotal effort: {PlanText.Weeks(doc.TotalEffortWeeks)}; projected improvement: {PlanText.Points(doc.ProjectedImprovementPoints)}.\n");
        }
        else
        {
            md.Append("No rated initiatives.\n");
        }

        foreach (var u in doc.Unrated)
            md.Append(CultureInfo.InvariantCulture, $"- not rated: {u.Title}\n");
        md.Append("\n## Week 4: Approval\n\n");
        md.Append(doc.ApprovalNotes is { Length: > 0 } approval ? $"{approval}\n" : "Approved as above.\n");
        return md.ToString();
    }

    public static string Html(PlanDocument doc)
    {
        var title = WebUtility.HtmlEncode($"Quarterly SLO Plan {doc.Quarter}");
        return $"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{title}</title></head><body>\n<h1>{title}</h1>\n<pre>{WebUtility.HtmlEncode(Markdown(doc))}</pre>\n</body></html>\n";
    }

    private static TimeZoneInfo Zone(PlanDocument doc) => TimeZoneInfo.TryFindSystemTimeZoneById(doc.TimeZone, out var z) ? z : TimeZoneInfo.Utc;

    private static string Start(PlanDocument doc) => TimeZoneInfo.ConvertTime(doc.QuarterStart, Zone(doc)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
