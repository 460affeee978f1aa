using Microsoft.Extensions.DependencyInjection;
using SloBot.Chat.Delivery;
using SloBot.Slack.Tests.Emulator;
using SloBot.Testing;

namespace SloBot.Slack.Tests.SocketMode;

public sealed class SeveralSocketsTests
{
    [Fact]
    public async Task TwoSockets_StaggeredTenSeconds_EachAcksWhatArrivesOnIt()
    {
        var time = new RecordingTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        var sink = new RecordingSink();
        await using var slack = await SlackEmulator.StartAsync();
        await using var host = await SlackTestHost.StartAsync(
            slack,
            s => s.AddSingleton<IChatEventSink>(sink).AddSingleton<TimeProvider>(time),
            new Dictionary<string, string?> { ["SloBot:Slack:SocketConnections"] = "2" });

        await slack.WaitForSocketAsync();
        // The event: the second slot is waiting out its stagger (10 s) on the clock; until the clock passes it, it cannot connect.
        await Poll.UntilAsync(() => time.TimersOf(TimeSpan.FromSeconds(10), createdIn: "RunSlotAsync") == 1, "the second socket's stagger");
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.Single(slack.OpenSockets); // the second waits its stagger, so the two are not recycled together
        time.Advance(TimeSpan.FromSeconds(1));
        await SlackEmulator.WaitUntilAsync(() => slack.OpenSockets.Count == 2, "the second socket");

        var first = await slack.SendAsync(SlackEnvelopes.SlashCommand("status", slack.NewResponseUrl(out _)), slack.OpenSockets[0]);
        var second = await slack.SendAsync(SlackEnvelopes.SlashCommand("help", slack.NewResponseUrl(out _)), slack.OpenSockets[1]);
        await SlackEmulator.WaitUntilAsync(() => slack.CallsOf("response_url").Count == 2, "both answers");
        Assert.Equal(slack.OpenSockets[0].Id, slack.Acks[first].SocketId);
        Assert.Equal(slack.OpenSockets[1].Id, slack.Acks[second].SocketId);
    }
}
