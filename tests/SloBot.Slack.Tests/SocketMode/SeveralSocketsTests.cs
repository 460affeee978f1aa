using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SloBot.Chat.Delivery;
using SloBot.Slack.Tests.Emulator;

namespace SloBot.Slack.Tests.SocketMode;

public sealed class SeveralSocketsTests
{
    [Fact]
    public async Task TwoSockets_StaggeredTenSeconds_EachAcksWhatArrivesOnIt()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        var sink = new RecordingSink();
        await using var slack = await SlackEmulator.StartAsync();
        await using var host = await SlackTestHost.StartAsync(
            slack,
            s => s.AddSingleton<IChatEventSink>(sink).AddSingleton<TimeProvider>(time),
            new Dictionary<string, string?> { ["SloBot:Slack:SocketConnections"] = "2" });

        await slack.WaitForSocketAsync();
        time.Advance(TimeSpan.FromSeconds(9));
        await Task.Delay(100);
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
