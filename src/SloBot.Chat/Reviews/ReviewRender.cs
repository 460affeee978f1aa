using System.Globalization;
using System.Net;
using System.Text;
using SloBot.Chat.Budgets;
using SloBot.Chat.Replies;

namespace SloBot.Chat.Reviews;

/// <summary>A weekly review as chat blocks, markdown (the seed's agenda), html and json (export_review_document).</summary>
public static class ReviewRender
{
    public static Reply Reply(WeeklyReviewDocument doc) => new()
    {
        Header = $"Weekly SLO Review - {doc.Title}",
        Blocks = Blocks(doc),
        Context = $"Published · `/slo review export {doc.Id} markdown|html|json` · `/slo actions` lists open action items",
        Summary = $"Weekly SLO Review {doc.Title} published ({doc.Id})",
        Data = doc,
    };

    public static IReadOnlyList<ReplyBlock> Blocks(WeeklyReviewDocument doc)
    {
        var blocks = new List<ReplyBlock>();
        blocks.AddRange(OverviewBlocks(doc.AtRisk, doc.Healthy));
        blocks.Add(IncidentsBlock(doc.Incidents));
        blocks.Add(BurnBlock(doc.BurnRates));
        blocks.Add(ReleasesBlock(doc.Releases));
        blocks.Add(ProposalsBlock(doc.Proposals));
        blocks.Add(new TextBlock($"**Action items** — last week: {doc.PreviousActionsDone.Count} done, {doc.PreviousActionsCarried.Count} carried forward; {doc.NewActions.Count} new."));
        if (doc.PreviousActionsCarried.Count + doc.NewActions.Count > 0)
            blocks.Add(ActionsBlock(doc.PreviousActionsCarried.Concat(doc.NewActions).ToArray()));
        if (doc.Notes.Count > 0)
            blocks.Add(new FieldsBlock(doc.Notes.Select(n => new ReplyField(n.Key, n.Value)).ToArray()));
        return blocks;
    }

    public static IReadOnlyList<ReplyBlock> OverviewBlocks(IReadOnlyList<ServiceHealth> atRisk, IReadOnlyList<ServiceHealth> healthy) =>
    [
        new TextBlock(
            "**Services at risk**\n" + (atRisk.Count == 0 ? "none" : string.Join("\n", atRisk.Select(h => $"- [ ] {h.Service}: {AtRisk(h)}"))) +
            "\n**Services in good health**\n" + (healthy.Count == 0 ? "none" : string.Join("\n", healthy.Select(h => $"- [x] {h.Service}: {BudgetFormat.Percent(h.Remaining)} error budget remaining")))),
    ];

    /// <summary>"error budget 30 % remaining (availability, attention)", "no SLI data over its window (availability)".</summary>
    private static string AtRisk(ServiceHealth h) => h.Remaining is null
        ? $"no SLI data over its window ({h.Slo})"
        : $"error budget {BudgetFormat.Percent(h.Remaining)} remaining ({h.Slo}, {BudgetFormat.HealthWords(h.Status, h.Trend)})";

    /// <summary>Published retrospectives and the budget-consuming episodes of the data, in one table.</summary>
    public static ReplyBlock IncidentsBlock(IReadOnlyList<ReviewIncident> incidents) => incidents.Count == 0
        ? new TextBlock("**This week's incidents:** none (no published retrospective, and no hour burned faster than the page rule).")
        : new TableBlock(
            ["incident", "service", "when", "duration", "impact", "error budget consumed"],
            incidents.Select(i => (IReadOnlyList<string>)
            [
                IncidentText.Name(i), IncidentText.What(i), i.Episode ? IncidentText.When(i) : i.Start.UtcDateTime.ToString("ddd d MMM", CultureInfo.InvariantCulture),
                BudgetFormat.TwoUnits(TimeSpan.FromSeconds(i.DurationSeconds)), IncidentText.Impact(i), i.BudgetConsumed is { } c ? BudgetFormat.Percent(c) : "—",
            ]).ToArray());

    /// <summary>Episodes over 10 % of the budget without a retrospective, with the command that starts one (seed 004 "When to conduct").</summary>
    public static IReadOnlyList<ReplyBlock> RetroHints(IReadOnlyList<ReviewIncident> incidents) => incidents.Any(i => i.NeedsRetro)
        ?
        [
            new TextBlock("**Needs a retrospective** (over 10 % of the budget):\n" + string.Join("\n", incidents.Where(i => i.NeedsRetro).Select(i =>
                $"{IncidentText.Line(i)} → `/slo retro start {IncidentText.RetroArguments(i)}`"))),
        ]
        : [];

    public static ReplyBlock BurnBlock(IReadOnlyList<BurnAnalysis> burn) => burn.Count == 0
        ? new TextBlock("**Error budget analysis:** no SLOs in the catalog.")
        : new TableBlock(
            ["SLO", "burn 1h", "burn 6h", "burn 3d", "remaining", "projected exhaustion", "trend"],
            burn.Select(b => (IReadOnlyList<string>)
            [
                $"{b.Service}/{b.Slo}", BudgetFormat.BurnRate(b.BurnRate1h), BudgetFormat.BurnRate(b.BurnRate6h), BudgetFormat.BurnRate(b.BurnRate3d),
                BudgetFormat.Percent(b.Remaining), b.ProjectedExhaustion is { } at ? at.UtcDateTime.ToString("ddd d MMM HH:00", CultureInfo.InvariantCulture) + " UTC" : b.Remaining is null ? "no data" : "not within the window", b.Trend,
            ]).ToArray());

    public static ReplyBlock ReleasesBlock(IReadOnlyList<ReleaseLine> releases) => releases.Count == 0
        ? new TextBlock("**Release decisions:** none recorded this week.")
        : new TableBlock(
            ["", "release", "decision", "decided", "why"],
            releases.Select(r => (IReadOnlyList<string>)
            [
                r.Pending ? "[ ]" : "[x]", $"{r.Service} {r.Version}", r.Action + (r.Pending ? " (pending)" : ""), r.DecidedAt.UtcDateTime.ToString("ddd d MMM", CultureInfo.InvariantCulture), r.Rationale,
            ]).ToArray());

    public static ReplyBlock ProposalsBlock(IReadOnlyList<SloProposal> proposals) => proposals.Count == 0
        ? new TextBlock("**Proposed SLO adjustments:** none suggested by the data.")
        : new TextBlock("**Proposed SLO adjustments**\n" + string.Join("\n", proposals.Select(p => $"- {p.Service}/{p.Slo}: {p.Proposal} — {p.Rationale}")));

    public static ReplyBlock ActionsBlock(IReadOnlyList<ActionLine> actions) => actions.Count == 0
        ? new TextBlock("**Action items:** none open.")
        : new TableBlock(
            ["", "#", "task", "owner", "due", "from"],
            actions.Select(a => (IReadOnlyList<string>)[a.Done ? "[x]" : "[ ]", a.Id == 0 ? "new" : $"#{a.Id}", a.Task, a.Owner ?? "—", a.Due ?? "—", a.Source]).ToArray());

    public static string Markdown(WeeklyReviewDocument doc)
    {
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# Weekly SLO Review - {doc.Title}\n\n_Week {doc.WeekStart.UtcDateTime:yyyy-MM-dd HH:mm} – {doc.WeekEnd.UtcDateTime:yyyy-MM-dd HH:mm} UTC_\n\n## 1. SLO Status Overview\n\n### Services at Risk\n");
        md.Append(Lines(doc.AtRisk.Select(h => $"- [ ] {h.Service}: {AtRisk(h)}")));
        md.Append("\n### Services in Good Health\n");
        md.Append(Lines(doc.Healthy.Select(h => $"- [x] {h.Service}: {BudgetFormat.Percent(h.Remaining)} error budget remaining")));
        md.Append(Note(doc, "SLO status overview"));
        md.Append("\n## 2. Incident Review\n\n### This Week's Incidents\n| Service | Date | Duration | Impact | Error Budget Consumed |\n|---------|------|----------|--------|----------------------|\n");
        foreach (var i in doc.Incidents)
            md.Append(CultureInfo.InvariantCulture, $"| {IncidentText.What(i)} ({IncidentText.Name(i)}) | {(i.Episode ? IncidentText.When(i) : i.Start.UtcDateTime.ToString("ddd d MMM", CultureInfo.InvariantCulture))} | {BudgetFormat.TwoUnits(TimeSpan.FromSeconds(i.DurationSeconds))} | {IncidentText.Impact(i)} | {(i.BudgetConsumed is { } c ? BudgetFormat.Percent(c) : "—")} |\n");
        md.Append(Note(doc, "This week's incidents"));
        md.Append("\n## 3. Error Budget Analysis\n\n### Budget Consumption Trends\n");
        md.Append(Lines(doc.BurnRates.Select(b => $"- **{b.Service}/{b.Slo}**: {b.Trend}; 1h {BudgetFormat.BurnRate(b.BurnRate1h)}, 6h {BudgetFormat.BurnRate(b.BurnRate6h)}, 3d {BudgetFormat.BurnRate(b.BurnRate3d)}")));
        md.Append("\n### Projected Exhaustion\n");
        md.Append(Lines(doc.BurnRates.Where(b => b.ProjectedExhaustion is not null).Select(b => $"- {b.Service}/{b.Slo}: {BudgetFormat.TwoUnits(b.ProjectedExhaustion!.Value - doc.PublishedAt)} until exhaustion at the current rate")));
        md.Append(Note(doc, "Error budget analysis"));
        md.Append("\n## 4. Release Decisions\n\n### Pending Releases\n");
        md.Append(Lines(doc.Releases.Select(r => $"- [{(r.Pending ? " " : "x")}] {r.Service} {r.Version}: {r.Action}{(r.Pending ? " (pending)" : "")} — {r.Rationale}")));
        md.Append(Note(doc, "Release decisions"));
        md.Append("\n## 5. SLO Adjustments\n\n### Proposed Changes\n");
        md.Append(Lines(doc.Proposals.Select(p => $"- {p.Service}/{p.Slo}: {p.Proposal}\n  - Rationale: {p.Rationale}")));
        md.Append(Note(doc, "SLO adjustments"));
        var total = doc.PreviousActionsDone.Count + doc.PreviousActionsCarried.Count;
        md.Append(CultureInfo.InvariantCulture, $"\n## 6. Action Items Review\n\n### Previous Week\n- [x] {doc.PreviousActionsDone.Count}/{total} action items completed\n- [ ] {doc.PreviousActionsCarried.Count}/{total} carried forward\n");
        md.Append(Lines(doc.PreviousActionsCarried.Select(a => $"  - #{a.Id} {a.Task} (Owner: {a.Owner ?? "—"}, Due: {a.Due ?? "—"})"), empty: ""));
        md.Append(Note(doc, "Last week's action items"));
        md.Append("\n### This Week's New Actions\n");
        md.Append(Lines(doc.NewActions.Select((a, n) => $"{n + 1}. {a.Task} (Owner: {a.Owner ?? "—"}{(a.Due is null ? "" : $", Due: {a.Due}")}){(a.Id > 0 ? $" #{a.Id}" : "")}")));
        return md.ToString();
    }

    public static string Html(WeeklyReviewDocument doc)
    {
        var body = WebUtility.HtmlEncode(Markdown(doc));
        return $"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Weekly SLO Review - {WebUtility.HtmlEncode(doc.Title)}</title></head><body>\n<h1>Weekly SLO Review - {WebUtility.HtmlEncode(doc.Title)}</h1>\n<pre>{body}</pre>\n</body></html>\n";
    }

    private static string Lines(IEnumerable<string> lines, string empty = "- none\n")
    {
        var list = lines.ToArray();
        return list.Length == 0 ? empty : string.Join("\n", list) + "\n";
    }

    private static string Note(WeeklyReviewDocument doc, string title) =>
        doc.Notes.TryGetValue(title, out var note) ? $"\n**Decision / notes**: {note}\n" : "";
}
