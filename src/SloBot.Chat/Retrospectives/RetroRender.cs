using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SloBot.Chat.ActionItems;
using SloBot.Chat.Budgets;
using SloBot.Chat.Documents;
using SloBot.Chat.Replies;

namespace SloBot.Chat.Retrospectives;

/// <summary>A retrospective as a chat reply, markdown (the seed's template), html and json.</summary>
public static class RetroRender
{
    public static Reply Reply(RetrospectiveDocument doc) => new()
    {
        Header = $"Incident Retrospective: {doc.IncidentId}",
        Blocks = Blocks(doc),
        Context = $"Published · `/slo retro export {doc.Id} markdown|html|json` · `/slo actions` lists open action items",
        Summary = $"Incident Retrospective {doc.IncidentId} published ({doc.Id})",
        Data = doc,
    };

    public static IReadOnlyList<ReplyBlock> Blocks(RetrospectiveDocument doc)
    {
        var blocks = new List<ReplyBlock>
        {
            new FieldsBlock(
            [
                new("Date", doc.Start.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                new("Duration", BudgetFormat.TwoUnits(doc.Duration)),
                new("Window", $"{doc.Start.UtcDateTime:HH:mm}–{doc.End.UtcDateTime:HH:mm} UTC"),
                new("Services affected", doc.Services.Count == 0 ? "—" : string.Join(", ", doc.Services)),
                new("Error budget impact", doc.WorstBudgetConsumed is { } c ? $"{BudgetFormat.Percent(c)} of the window's budget consumed" : "—"),
                new("User impact", doc.UserImpact ?? "—"),
            ]),
            ImpactBlock(doc.Impact, doc.ImpactError),
        };
        if (doc.ImpactNote is not null)
            blocks.Add(new TextBlock($"_Note on the impact:_ {doc.ImpactNote}"));
        if (doc.Timeline.Count > 0)
            blocks.Add(new TableBlock(["time", "event"], doc.Timeline.Select(t => (IReadOnlyList<string>)[t.At?.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture) ?? "", t.Event]).ToArray()));
        blocks.Add(new TextBlock(string.Join("\n\n", Sections(doc).Select(s => $"**{s.Title}**\n{s.Body}"))));
        return blocks;
    }

    public static ReplyBlock ImpactBlock(JsonNode? computed) =>
        ImpactBlock(computed?["items"] is JsonArray a ? a.Deserialize<SloImpact[]>(DocumentJson.Options) ?? [] : [], computed?["error"]?.GetValue<string>());

    public static ReplyBlock ImpactBlock(IReadOnlyList<SloImpact> impact, string? error) => error is not null || impact.Count == 0
        ? new TextBlock($"**SLO impact:** not available — {error ?? "no SLOs for these services"}.")
        : new TableBlock(
            ["SLO", "target", "failed", "availability during", "budget consumed", "remaining now"],
            impact.Select(i => (IReadOnlyList<string>)
            [
                $"{i.Service}/{i.Slo}", BudgetFormat.Target(i.Target), $"{BudgetFormat.Count(i.FailedEvents)} of {BudgetFormat.Count(i.TotalEvents)}",
                i.AvailabilityDuring is { } a ? BudgetFormat.Percent(a, 3) : "no traffic",
                i.BudgetConsumed is { } c ? $"{BudgetFormat.Percent(c)} of {i.Window}" : "—",
                BudgetFormat.Percent(i.BudgetRemainingNow),
            ]).ToArray());

    public static string Markdown(RetrospectiveDocument doc)
    {
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# Incident Retrospective: {doc.IncidentId}\n\n## Incident Summary\n\n");
        md.Append(CultureInfo.InvariantCulture, $"**Date**: {doc.Start.UtcDateTime:yyyy-MM-dd}\n**Duration**: {BudgetFormat.TwoUnits(doc.Duration)} ({doc.Start.UtcDateTime:HH:mm}–{doc.End.UtcDateTime:HH:mm} UTC)\n");
        md.Append(CultureInfo.InvariantCulture, $"**Services Affected**: {string.Join(", ", doc.Services)}\n**User Impact**: {doc.UserImpact ?? "—"}\n");
        md.Append(CultureInfo.InvariantCulture, $"**Error Budget Impact**: {(doc.WorstBudgetConsumed is { } w ? BudgetFormat.Percent(w) + " of the window's budget consumed" : "—")}\n\n");
        md.Append("## Timeline\n\n| Time | Event |\n|------|-------|\n");
        foreach (var t in doc.Timeline)
            md.Append(CultureInfo.InvariantCulture, $"| {t.At?.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture)} | {t.Event.Replace("|", "\\|", StringComparison.Ordinal)} |\n");
        md.Append("\n## SLO Impact\n\n");
        if (doc.ImpactError is not null)
            md.Append(CultureInfo.InvariantCulture, $"Not available: {doc.ImpactError}.\n");
        foreach (var i in doc.Impact)
        {
            md.Append(CultureInfo.InvariantCulture, $"- **{i.Service}/{i.Slo}** (target {BudgetFormat.Target(i.Target)} over {i.Window}): availability during the incident {(i.AvailabilityDuring is { } a ? BudgetFormat.Percent(a, 3) : "n/a")}; ");
            md.Append(CultureInfo.InvariantCulture, $"{BudgetFormat.Count(i.FailedEvents)} failed of {BudgetFormat.Count(i.TotalEvents)}; {(i.BudgetConsumed is { } c ? BudgetFormat.Percent(c) : "—")} of the error budget consumed; {BudgetFormat.Percent(i.BudgetRemainingNow)} remaining now\n");
        }

        if (doc.ImpactNote is not null)
            md.Append(CultureInfo.InvariantCulture, $"\n{doc.ImpactNote}\n");
        foreach (var (title, body) in Sections(doc))
            md.Append(CultureInfo.InvariantCulture, $"\n## {title}\n\n{body}\n");
        return md.ToString();
    }

    public static string Html(RetrospectiveDocument doc)
    {
        static string E(string? s) => WebUtility.HtmlEncode(s ?? "—");
        var h = new StringBuilder();
        h.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Incident Retrospective: {E(doc.IncidentId)}</title></head><body>\n");
        h.Append(CultureInfo.InvariantCulture, $"<h1>Incident Retrospective: {E(doc.IncidentId)}</h1>\n<h2>Incident Summary</h2>\n<ul>\n");
        h.Append(CultureInfo.InvariantCulture, $"<li><b>Date</b>: {doc.Start.UtcDateTime:yyyy-MM-dd}</li>\n<li><b>Duration</b>: {E(BudgetFormat.TwoUnits(doc.Duration))}</li>\n");
        h.Append(CultureInfo.InvariantCulture, $"<li><b>Services Affected</b>: {E(string.Join(", ", doc.Services))}</li>\n<li><b>User Impact</b>: {E(doc.UserImpact)}</li>\n</ul>\n");
        h.Append("<h2>Timeline</h2>\n<table>\n<tr><th>Time</th><th>Event</th></tr>\n");
        foreach (var t in doc.Timeline)
            h.Append(CultureInfo.InvariantCulture, $"<tr><td>{t.At?.UtcDateTime:HH:mm}</td><td>{E(t.Event)}</td></tr>\n");
        h.Append("</table>\n<h2>SLO Impact</h2>\n<table>\n<tr><th>SLO</th><th>Target</th><th>Failed</th><th>Availability during</th><th>Budget consumed</th><th>Remaining now</th></tr>\n");
        foreach (var i in doc.Impact)
        {
            h.Append(CultureInfo.InvariantCulture, $"<tr><td>{E($"{i.Service}/{i.Slo}")}</td><td>{E(BudgetFormat.Target(i.Target))}</td><td>{E(BudgetFormat.Count(i.FailedEvents))}</td>");
            h.Append(CultureInfo.InvariantCulture, $"<td>{E(i.AvailabilityDuring is { } a ? BudgetFormat.Percent(a, 3) : "n/a")}</td><td>{E(i.BudgetConsumed is { } c ? BudgetFormat.Percent(c) : "—")}</td><td>{E(BudgetFormat.Percent(i.BudgetRemainingNow))}</td></tr>\n");
        }

        h.Append("</table>\n");
        foreach (var (title, body) in Sections(doc))
            h.Append(CultureInfo.InvariantCulture, $"<h2>{E(title)}</h2>\n<pre>{E(body)}</pre>\n");
        h.Append("</body></html>\n");
        return h.ToString();
    }

    private static IEnumerable<(string Title, string Body)> Sections(RetrospectiveDocument doc)
    {
        yield return ("Primary Cause", doc.RootCause ?? "—");
        yield return ("Contributing Factors", Numbered(doc.ContributingFactors));
        yield return ("Why It Wasn't Caught Earlier", doc.WhyNotCaught ?? "—");
        yield return ("What Went Well", Bullets(doc.WentWell, "✅ "));
        yield return ("What Went Wrong", Bullets(doc.WentWrong, "❌ "));
        yield return ("Action Items", doc.ActionItems.Count == 0 ? "—" : string.Join("\n", doc.ActionItems
            .OrderBy(a => a.Horizon)
            .Select(a => $"- [ ] {(a.Id is { } id ? $"#{id} " : "")}{a.Task} (Owner: {a.Owner}{(a.Due is { } d ? $", Due: {d:yyyy-MM-dd}" : "")}, {ActionItemText.Word(a.Horizon)})")));
        yield return ("SLO Adjustments", doc.SloAdjustments ?? "No SLO changes recommended.");
        yield return ("Follow-up Meeting", doc.FollowUp ?? "—");
    }

    private static string Bullets(IReadOnlyList<string> items, string mark) => items.Count == 0 ? "—" : string.Join("\n", items.Select(i => mark + i));

    private static string Numbered(IReadOnlyList<string> items) => items.Count == 0 ? "—" : string.Join("\n", items.Select((x, n) => $"{n + 1}. {x}"));
}
