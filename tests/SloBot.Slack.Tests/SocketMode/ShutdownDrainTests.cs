using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SloBot.Core.Catalog;
using SloBot.Core.Sli;
using SloBot.Slack.Tests.Emulator;
using SloBot.Testing;

namespace SloBot.Slack.Tests.SocketMode;

/// <summary>
/// Issue 13, item 16, through the real transport and chat layer: a command still running when the host's shutdown grace
/// period ends is answered "SloBot is restarting" on its response_url; one that finishes within the grace gets its answer.
/// </summary>
public sealed class ShutdownDrainTests
{
    [Fact]
    public async Task CommandStillRunningWhenTheGraceEnds_IsAnsweredSloBotIsRestarting()
    {
        await using var slack = await SlackEmulator.StartAsync();
        var source = ChatLayerEndToEndTests.Steady();
        source.Hold = new(TaskCreationOptions.RunContinuationsAsynchronously);
        var host = await SlackTestHost.StartAsync(slack, s => { ChatLayerEndToEndTests.AddChatLayer(s); s.AddSingleton<ISliSource>(source); });
        try
        {
            await slack.WaitForSocketAsync();
            await slack.SendAsync(SlackEnvelopes.SlashCommand("budget payment", slack.NewResponseUrl(out var responseId)));
            await source.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));

            using var grace = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            await host.Host.StopAsync(grace.Token);

            var answer = Assert.Single(slack.CallsOf("response_url"));
            Assert.Equal(responseId, answer.Form["id"]);
            Assert.Contains("SloBot is restarting, ask again in a minute.", answer.Body.GetRawText(), StringComparison.Ordinal);
            Assert.Contains("the asker is told SloBot is restarting", host.Logs.All, StringComparison.Ordinal);
        }
        finally
        {
            host.Host.Dispose();
        }
    }

    [Fact]
    public async Task CommandFinishingWithinTheGrace_GetsItsAnswerNotTheNotice()
    {
        await using var slack = await SlackEmulator.StartAsync();
        var source = ChatLayerEndToEndTests.Steady();
        source.Hold = new(TaskCreationOptions.RunContinuationsAsynchronously);
        var host = await SlackTestHost.StartAsync(slack, s => { ChatLayerEndToEndTests.AddChatLayer(s); s.AddSingleton<ISliSource>(source); });
        try
        {
            await slack.WaitForSocketAsync();
            await slack.SendAsync(SlackEnvelopes.SlashCommand("budget payment", slack.NewResponseUrl(out _)));
            await source.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));

            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var stopping = host.Host.StopAsync(grace.Token);
            Assert.False(stopping.IsCompleted); // shutdown waits for the running command...
            source.Hold.SetResult(); // ...which then finishes
            await stopping;

            var answer = Assert.Single(slack.CallsOf("response_url"));
            Assert.DoesNotContain("restarting", answer.Body.GetRawText(), StringComparison.Ordinal);
            Assert.Contains("payment", answer.Body.GetRawText(), StringComparison.Ordinal);
        }
        finally
        {
            host.Host.Dispose();
        }
    }

}
