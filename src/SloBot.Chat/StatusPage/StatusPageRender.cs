using System.Globalization;
using System.Net;
using System.Text;
using Humanizer;
using SloBot.Chat.Budgets;
using SloBot.Chat.Replies;

namespace SloBot.Chat.StatusPage;

/// <summary>The status page as a chat post (<c>/slo summary customers</c>) and as a static HTML page.</summary>
internal static class StatusPageRender
{
    /// <summary>"99.95 %": truncated, never rounded up (99.996 % is not "100 %"); "no data" without events.</summary>
    public static string Availability(double? ratio) => ratio is { } r
        ? (Math.Floor(r * 10_000) / 100).ToString("0.00", CultureInfo.InvariantCulture) + " %"
        : "no data";

    /// <summary>The customers' post: what the page says, in chat, and the team's problems in the grey line.</summary>
    public static Reply Post(StatusPageData page, TimeZoneInfo zone)
    {
        var blocks = new List<ReplyBlock>
        {
            new TextBlock($"Availability from {Day(page.From, zone)} to {Day(page.To, zone)}, in the words customers see."),
        };
        if (page.Services.Count == 0)
        {
            blocks.Add(new TextBlock($"No service is on the status page yet: list them under `{StatusPageOptions.Section}:Services`, e.g. `{StatusPageOptions.Section}:Services:payment=Payments`."));
        }
        else
        {
            blocks.Add(new TableBlock(["service", "now", "availability"], [.. page.Services.Select(s => (IReadOnlyList<string>)[s.Name, Capitalised(s.Status), Availability(s.Availability)])]));
        }

        blocks.Add(new TextBlock("**Incidents**"));
        blocks.Add(new TextBlock(page.Incidents.Count == 0 ? "No incidents in this period." : string.Join("\n", page.Incidents.Select(i => "• " + IncidentLine(i, zone)))));
        var operational = page.Services.Count(s => s.Status == StatusWords.Operational);
        return new Reply
        {
            Header = $"{page.Title} · {Day(page.To, zone)}",
            Blocks = blocks,
            Context = page.Problems.Count == 0 ? null : "Not on the page (for the team): " + string.Join(" ", page.Problems),
            Summary = $"{page.Title}: {operational} of {"service".ToQuantity(page.Services.Count)} operational, {"incident".ToQuantity(page.Incidents.Count)} this period",
            Data = page.ToData(forTeam: true),
        };
    }

    /// <summary>"Payments, Checkout: degraded service on 3rd December 2026 from 10:02 to 10:47 UTC (45 minutes 0 seconds). Resolved; a post-incident review was completed."</summary>
    public static string IncidentLine(StatusPageIncident incident, TimeZoneInfo zone)
    {
        var start = TimeZoneInfo.ConvertTime(incident.Start, zone);
        var end = TimeZoneInfo.ConvertTime(incident.End, zone);
        var when = start.Date == end.Date
            ? $"on {start.DateTime.ToOrdinalWords()} from {start:HH:mm} to {end:HH:mm} {ZoneName(zone)}"
            : $"from {start.DateTime.ToOrdinalWords()} {start:HH:mm} to {end.DateTime.ToOrdinalWords()} {end:HH:mm} {ZoneName(zone)}";
        var outcome = incident.Resolved
            ? incident.Reviewed ? "Resolved; a post-incident review was completed." : "Resolved."
            : "Ongoing: we are working on it.";
        return $"{string.Join(", ", incident.Services)}: degraded service {when} ({BudgetFormat.TwoUnits(TimeSpan.FromSeconds(incident.DurationSeconds))}). {outcome}";
    }

    /// <summary>A page that needs nothing else: inline style, no script, every text HTML-encoded.</summary>
    public static string Html(StatusPageData page, TimeZoneInfo zone)
    {
        static string E(string text) => WebUtility.HtmlEncode(text);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(page.Title)).Append("</title>\n<style>\n")
            .Append("body{font-family:system-ui,sans-serif;max-width:56rem;margin:2rem auto;padding:0 1rem;color:#1f2328}\n")
            .Append(".service{border:1px solid #d0d7de;border-radius:6px;padding:.75rem 1rem;margin:.75rem 0}\n")
            .Append(".head{display:flex;justify-content:space-between;gap:1rem}.name{font-weight:600}\n")
            .Append(".operational{color:#1a7f37}.degraded-performance{color:#9a6700}.major-outage{color:#cf222e}.no-data{color:#57606a}\n")
            .Append(".days{display:flex;gap:2px;margin-top:.5rem}.day{flex:1;height:1.5rem;border-radius:2px;background:#d0d7de}\n")
            .Append(".day.good{background:#2da44e}.day.minor{background:#d4a72c}.day.bad{background:#cf222e}\n")
            .Append(".legend{color:#57606a;font-size:.85rem;margin-top:.25rem}\n")
            .Append("footer,.period{color:#57606a;font-size:.9rem}\n</style>\n</head>\n<body>\n");
        html.Append("<h1>").Append(E(page.Title)).Append("</h1>\n");
        html.Append("<p class=\"period\">Availability from ").Append(E(Day(page.From, zone))).Append(" to ").Append(E(Day(page.To, zone))).Append("</p>\n");
        html.Append("<section id=\"services\">\n");
        foreach (var s in page.Services)
        {
            html.Append("<div class=\"service\">\n<div class=\"head\"><span class=\"name\">").Append(E(s.Name)).Append("</span>")
                .Append("<span class=\"status ").Append(s.Status.Replace(' ', '-')).Append("\">").Append(E(Capitalised(s.Status))).Append("</span></div>\n")
                .Append("<div class=\"availability\">").Append(E(Availability(s.Availability))).Append(" availability</div>\n");
            if (s.Days.Count > 0)
            {
                html.Append("<div class=\"days\">");
                foreach (var d in s.Days)
                {
                    var level = d.Availability switch { null => "", >= 0.999 => " good", >= 0.99 => " minor", _ => " bad" };
                    html.Append("<span class=\"day").Append(level).Append("\" title=\"")
                        .Append(E($"{d.Date.ToDateTime(TimeOnly.MinValue).ToOrdinalWords()}: {Availability(d.Availability)}"))
                        .Append("\"></span>");
                }

                html.Append("</div>\n");
            }

            html.Append("</div>\n");
        }

        if (page.Services.Count == 0)
            html.Append("<p>No services are listed yet.</p>\n");
        if (page.Services.Any(s => s.Days.Count > 0))
            html.Append("<p class=\"legend\">Each bar is a day (UTC): green 99.9 % available or more, yellow 99 % or more, red below 99 %, grey no data.</p>\n");
        html.Append("</section>\n<section id=\"incidents\">\n<h2>Incidents</h2>\n");
        if (page.Incidents.Count == 0)
        {
            html.Append("<p>No incidents in this period.</p>\n");
        }
        else
        {
            html.Append("<ul>\n");
            foreach (var i in page.Incidents.OrderByDescending(i => i.Start))
                html.Append("<li>").Append(E(IncidentLine(i, zone))).Append("</li>\n");
            html.Append("</ul>\n");
        }

        html.Append("</section>\n<footer>Updated ").Append(E(TimeZoneInfo.ConvertTime(page.To, zone).DateTime.ToOrdinalWords()))
            .Append(' ').Append(TimeZoneInfo.ConvertTime(page.To, zone).ToString("HH:mm", CultureInfo.InvariantCulture)).Append(' ').Append(E(ZoneName(zone)))
            .Append(". Also as <a href=\"status.json\">status.json</a>.</footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static string Capitalised(string words) => words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..];

    private static string Day(DateTimeOffset at, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(at, zone).DateTime.ToOrdinalWords();

    private static string ZoneName(TimeZoneInfo zone) => zone == TimeZoneInfo.Utc || zone.Id is "UTC" or "Etc/UTC" ? "UTC" : zone.Id;
}
