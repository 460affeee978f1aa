using Microsoft.Extensions.DependencyInjection;
using SloBot.Core.Sli;
using SloBot.Slack.Tests.Emulator;

namespace SloBot.Slack.Tests.SocketMode;

/// <summary>
/// Issue 16, item 3: a slow SLI source still gets the ack at once and, past <c>SloBot:Slack:StillWorkingAfter</c>, a
/// private "still working" notice before the answer; a quick answer gets no notice.
/// </summary>
public sealed class StillWorkingTests
{
    [Fact]
    public async Task SlowAnswer_GetsAPrivateStillWorkingNotice_ThenTheAnswer()
    {
        await using var slack = await SlackEmulator.StartAsync();
        var source = ChatLayerEndToEndTests.Steady();
        source.Hold = new(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await SlackTestHost.StartAsync(slack, s => { ChatLayerEndToEndTests.AddChatLayer(s); s.AddSingleton<ISliSource>(source); },
            new Dictionary<string, string?> { ["SloBot:Slack:StillWorkingAfter"] = "00:00:00.200" });
        await slack.WaitForSocketAsync();

        await slack.SendAsync(SlackEnvelopes.SlashCommand("budget payment", slack.NewResponseUrl(out var responseId)));
        await source.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var notice = await SlackEmulator.WaitForAsync(() => slack.CallsOf("response_url").FirstOrDefault(), "the still-working notice while the source is held");
        Assert.Equal(responseId, notice.Form["id"]);
        Assert.Contains("Still working on it", notice.Body.GetRawText(), StringComparison.Ordinal);
        Assert.Equal("ephemeral", notice.Body.GetProperty("response_type").GetString());

        source.Hold.SetResult();
        await SlackEmulator.WaitUntilAsync(() => slack.CallsOf("response_url").Count == 2, "the answer after the notice");
        var answer = slack.CallsOf("response_url")[1];
        Assert.Contains("payment", answer.Body.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("Still working", answer.Body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommandQueuedBehindASlowOne_GetsItsNoticeWhileStillWaitingForAWorker()
    {
        await using var slack = await SlackEmulator.StartAsync();
        var source = ChatLayerEndToEndTests.Steady();
        source.Hold = new(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await SlackTestHost.StartAsync(slack, s => { ChatLayerEndToEndTests.AddChatLayer(s); s.AddSingleton<ISliSource>(source); },
            new Dictionary<string, string?> { ["SloBot:Slack:StillWorkingAfter"] = "00:00:00.200", ["SloBot:Slack:MaxConcurrentEvents"] = "1" });
        await slack.WaitForSocketAsync();

        await slack.SendAsync(SlackEnvelopes.SlashCommand("budget payment", slack.NewResponseUrl(out var first)));
        await source.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30)); // the only worker is now held
        await slack.SendAsync(SlackEnvelopes.SlashCommand("budget payment", slack.NewResponseUrl(out var queued)));

        await SlackEmulator.WaitUntilAsync(() => slack.CallsOf("response_url").Count(c => c.Form["id"] == queued) == 1, "the queued command's notice while the worker is busy");
        Assert.Contains("Still working on it", slack.CallsOf("response_url").Single(c => c.Form["id"] == queued).Body.GetRawText(), StringComparison.Ordinal);
        source.Hold.SetResult();
        await SlackEmulator.WaitUntilAsync(() => slack.CallsOf("response_url").Count == 4, "both answers after both notices");
        foreach (var id in new[] { first, queued })
        {
            var calls = slack.CallsOf("response_url").Where(c => c.Form["id"] == id).ToArray();
            Assert.Equal(2, calls.Length);
            Assert.Contains("Still working on it", calls[0].Body.GetRawText(), StringComparison.Ordinal);
            Assert.DoesNotContain("Still working", calls[1].Body.GetRawText(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task QuickAnswer_GetsNoNotice()
    {
        await using var slack = await SlackEmulator.StartAsync();
        await using var host = await SlackTestHost.StartAsync(slack, s => { ChatLayerEndToEndTests.AddChatLayer(s); s.AddSingleton<ISliSource>(ChatLayerEndToEndTests.Steady()); },
            new Dictionary<string, string?> { ["SloBot:Slack:StillWorkingAfter"] = "00:00:00.200" });
        await slack.WaitForSocketAsync();

        await slack.SendAsync(SlackEnvelopes.SlashCommand("budget payment", slack.NewResponseUrl(out _)));
        await SlackEmulator.WaitUntilAsync(() => slack.CallsOf("response_url").Count >= 1, "the answer");
        await host.Host.StopAsync(); // drains: a notice would have been sent by now, had it been due

        var answer = Assert.Single(slack.CallsOf("response_url"));
        Assert.DoesNotContain("Still working", answer.Body.GetRawText(), StringComparison.Ordinal);
    }
}
