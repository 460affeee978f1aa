using System.Text.Json.Nodes;
using SloBot.Chat.Alerts;
using SloBot.Chat.Retrospectives;
using Xunit;

namespace SloBot.Chat.Tests.Retrospectives;

/// <summary>
/// Issue 12 item 8: a retrospective's timeline starts with SloBot's own alert posts in the incident's window — every
/// change (a page that has since recovered too), for the affected services only.
/// </summary>
public sealed class RetroTimelinePrefillTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AlertChangesInTheWindow_OpenTheTimelineInOrder_EvenWhenRecoveredSince()
    {
        var alerts = new InMemoryAlertStateStore();
        Assert.True(await alerts.TryChangeAsync(null, new AlertState("payment/availability", "page", Noon.AddMinutes(10), null), CancellationToken.None));
        Assert.True(await alerts.TryChangeAsync(null, new AlertState("search/latency", "ticket", Noon.AddMinutes(20), null), CancellationToken.None)); // not affected
        Assert.True(await alerts.TryChangeAsync("page", new AlertState("payment/availability", "ok", Noon.AddMinutes(95), null), CancellationToken.None));
        Assert.True(await alerts.TryChangeAsync("ok", new AlertState("payment/availability", "ticket", Noon.AddHours(5), null), CancellationToken.None)); // after the window
        var data = new JsonObject
        {
            ["window"] = new JsonObject { ["start"] = Noon.ToString("O"), ["end"] = Noon.AddHours(2).ToString("O") },
            ["services"] = new JsonObject { ["names"] = new JsonArray("payment") },
        };

        await new RetroTimelinePrefill(alerts: alerts).FillAsync(data, TimeZoneInfo.Utc, CancellationToken.None);

        Assert.Equal(
            ["12:10 — SloBot alert: payment/availability page (burning its error budget)", "13:35 — SloBot alert: payment/availability burn rate back to normal"],
            data["timeline"]!.AsArray().Select(e => e!["text"]!.GetValue<string>()));
    }
}
