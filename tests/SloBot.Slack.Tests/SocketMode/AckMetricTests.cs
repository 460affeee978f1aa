using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using SloBot.Chat.Delivery;
using SloBot.Slack.Tests.Emulator;

namespace SloBot.Slack.Tests.SocketMode;

/// <summary>Issue 16 item 4: each Socket Mode ack is measured (<c>slobot.ack.duration</c>, platform slack, mode socket).</summary>
public sealed class AckMetricTests
{
    [Fact]
    public async Task SocketModeAck_IsMeasured_WithPlatformAndMode()
    {
        var acks = new ConcurrentQueue<(double Seconds, string? Platform, string? Mode)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "SloBot.Transport" && instrument.Name == "slobot.ack.duration")
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            var all = tags.ToArray();
            acks.Enqueue((value, all.FirstOrDefault(t => t.Key == "platform").Value as string, all.FirstOrDefault(t => t.Key == "mode").Value as string));
        });
        listener.Start();

        await using var slack = await SlackEmulator.StartAsync();
        await using var host = await SlackTestHost.StartAsync(slack, s => s.AddSingleton<IChatEventSink>(new RecordingSink()));
        await slack.WaitForSocketAsync();
        var envelopeId = await slack.SendAsync(SlackEnvelopes.SlashCommand("status", slack.NewResponseUrl(out _)));
        await SlackEmulator.WaitUntilAsync(() => slack.Acks.ContainsKey(envelopeId), "the ack");
        await SlackEmulator.WaitUntilAsync(() => acks.Any(a => a.Platform == "slack" && a.Mode == "socket"), "the ack's measurement");

        Assert.All(acks.Where(a => a.Platform == "slack"), a => Assert.InRange(a.Seconds, 0, 3));
    }
}
