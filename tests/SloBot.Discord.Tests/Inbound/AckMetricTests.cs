using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace SloBot.Discord.Tests.Inbound;

/// <summary>Issue 16 item 4: a Gateway interaction's initial response is measured (<c>slobot.ack.duration</c>, discord, gateway).</summary>
public sealed class AckMetricTests
{
    [Fact]
    public async Task GatewayInteractionAck_IsMeasured_WithPlatformAndMode()
    {
        var acks = new ConcurrentQueue<(string? Platform, string? Mode)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "SloBot.Transport" && instrument.Name == "slobot.ack.duration")
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
            var all = tags.ToArray();
            acks.Enqueue((all.FirstOrDefault(t => t.Key == "platform").Value as string, all.FirstOrDefault(t => t.Key == "mode").Value as string));
        });
        listener.Start();

        await using var harness = await DiscordHarness.StartAsync();
        await harness.LiveAsync();
        var interaction = await harness.Emulator.InteractAsync(2, DiscordHarness.SlashCommand("budget", ("service", "payment")));
        await harness.UntilAsync(() => harness.Emulator.ResponsesTo(interaction).Any(r => r.Method == "POST"), "the initial response");

        await harness.UntilAsync(() => acks.Contains(("discord", "gateway")), "the ack's measurement");
    }
}
