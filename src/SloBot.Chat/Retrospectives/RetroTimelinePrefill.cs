using System.Globalization;
using System.Text.Json.Nodes;
using SloBot.Chat.Alerts;
using SloBot.Chat.Releases;
using SloBot.Core.Releases;

namespace SloBot.Chat.Retrospectives;

/// <summary>
/// What SloBot itself knows of an incident window, as the retrospective's first timeline entries (issue 12 item 8): the
/// release decisions for the affected services and every burn-rate alert change in it (a page that started and one that
/// recovered alike, from the alert history). The entries are the
/// step's ordinary answers; people add theirs after them.
/// </summary>
internal sealed class RetroTimelinePrefill(IReleaseDecisionLog? releases = null, IAlertStateStore? alerts = null)
{
    public async Task FillAsync(JsonObject data, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        if (RetroAnswers.Range(data) is not { } window || RetroAnswers.ServiceNames(data) is not { Count: > 0 } services || data["timeline"] is not null)
            return;
        var entries = new List<(DateTimeOffset At, string Event)>();
        if (releases is not null)
        {
            foreach (var service in services)
            {
                var decided = await releases.ListAsync(service, window.Start, cancellationToken, limit: 50).ConfigureAwait(false);
                entries.AddRange(decided.Where(d => d.DecidedAt <= window.End)
                    .Select(d => (d.DecidedAt, $"SloBot release decision {d.Id}: {d.Service} {d.Version} → {d.EffectiveAction.ToWord()}")));
            }
        }

        if (alerts is not null)
        {
            entries.AddRange((await alerts.ChangesAsync(window.Start, window.End, cancellationToken).ConfigureAwait(false))
                .Where(a => services.Any(s => a.Slo.StartsWith(s + "/", StringComparison.OrdinalIgnoreCase)))
                .Select(a => (a.Since, a.Severity == "ok" ? $"SloBot alert: {a.Slo} burn rate back to normal" : $"SloBot alert: {a.Slo} {a.Severity} (burning its error budget)")));
        }

        if (entries.Count == 0)
            return;
        data["timeline"] = new JsonArray(entries.OrderBy(e => e.At).Select(e =>
        {
            var clock = TimeZoneInfo.ConvertTime(e.At, zone).ToString("HH:mm", CultureInfo.InvariantCulture);
            return (JsonNode)new JsonObject { ["text"] = $"{clock} — {e.Event}", ["at"] = e.At.ToString("O", CultureInfo.InvariantCulture), ["event"] = e.Event };
        }).ToArray());
    }
}
