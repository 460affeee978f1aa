using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SloBot.Chat.ActionItems;
using SloBot.Chat.Tests.Conversations;
using Xunit;
using SloBot.Testing;

namespace SloBot.Chat.Tests.Reviews;

public class WeeklyReviewFlowTests
{
    private static readonly DateTimeOffset IncidentStart = new(2026, 11, 22, 14, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task FullReview_ShowsTheWeeksData_RecordsDecisions_PublishesAndExports()
    {
        using var host = new ConversationHost();
        host.Sli.IncidentStart = IncidentStart;
        host.Sli.IncidentEnd = IncidentStart.AddMinutes(45);
        var actions = host.Services.GetRequiredService<IActionItemStore>();
        await actions.AddAsync("retro-old", "INC-2000", [new(0, "Add pool alerting", "@alice", new DateOnly(2026, 11, 20), ActionHorizon.ThisWeek), new(1, "Canary deploys", "@dave", null, ActionHorizon.ThisMonth)], IncidentStart, default);
        await RunRetroAsync(host);

        await host.CommandAsync(ConversationHost.Channel, "/slo review start");
        var thread = host.Transport.Threads.Last().Thread;
        var overview = host.Transport.Posts.Last(p => p.Where == thread).Reply.PlainText();
        // payment: (6,750 + 2,589.3) / 25,920 = 36 % consumed → 64 % left (healthy); search at 99 %: 0.01 % errors → 99 % left
        Assert.Contains("Services in good health", overview);
        Assert.Contains("payment: 64 % error budget remaining", overview);

        var incidents = (await host.SayAsync(thread, "Payment needs attention"))!.PlainText();
        Assert.Contains("INC-2041", incidents);
        Assert.Contains("26.1 %", incidents);
        var burn = (await host.SayAsync(thread, "skip"))!.PlainText();
        Assert.Contains("burn 3d", burn);
        var releases = (await host.SayAsync(thread, "Investigate the slow burn"))!.PlainText();
        Assert.Contains("Release decisions: none recorded this week", releases);
        var adjustments = (await host.SayAsync(thread, "skip"))!.PlainText();
        Assert.Contains("Proposed SLO adjustments", adjustments);
        var previous = (await host.SayAsync(thread, "Keep targets"))!.PlainText();
        Assert.Contains("#1", previous);
        Assert.Contains("Add pool alerting", previous);
        Assert.Contains("#9 is not open", (await host.SayAsync(thread, "done 9"))!.PlainText());
        Assert.Contains("Marked done: #1 ✔", (await host.SayAsync(thread, "done 1"))!.PlainText());
        await host.SayAsync(thread, "next");
        Assert.Contains("Action item for @bob", (await host.SayAsync(thread, "@bob investigate the payment slow burn by friday"))!.PlainText());
        await host.SayAsync(thread, "next");
        var published = await host.SayAsync(thread, "publish");

        Assert.StartsWith("Weekly SLO Review - 2026-11-23", published!.Header, StringComparison.Ordinal);
        Assert.Contains("1 done, 1 carried forward; 1 new", published.PlainText());
        var open = await actions.ListAsync(openOnly: true, default);
        Assert.DoesNotContain(open, a => a.Id == 1);
        Assert.Contains(open, a => a.Owner == "@bob");

        var md = Encoding.UTF8.GetString((await host.CommandAsync(ConversationHost.Channel, "/slo review export 2026-11-23 markdown"))!.Attachments.Single().Content);
        Assert.StartsWith("# Weekly SLO Review - 2026-11-23", md, StringComparison.Ordinal);
        Assert.Contains("- [x] 1/2 action items completed", md);
        Assert.Contains("**Decision / notes**: Payment needs attention", md);
        var json = (await host.CommandAsync(ConversationHost.Channel, "/slo review export 2026-11-23 json"))!.Attachments.Single().Content;
        using var doc = JsonDocument.Parse(json);
        Assert.Equal("INC-2041", doc.RootElement.GetProperty("incidents")[0].GetProperty("incidentId").GetString());
        Assert.Equal(6755.4 / 25920, doc.RootElement.GetProperty("incidents")[0].GetProperty("budgetConsumed").GetDouble(), 9);
        var html = Encoding.UTF8.GetString((await host.CommandAsync(ConversationHost.Channel, "/slo review export 2026-11-23 html"))!.Attachments.Single().Content);
        Assert.Contains("<h1>Weekly SLO Review - 2026-11-23</h1>", html);
    }

    [Fact]
    public async Task SecondStart_PointsToTheRunningReview()
    {
        using var host = new ConversationHost();
        await host.CommandAsync(ConversationHost.Channel, "/slo review start");

        var again = await host.CommandAsync(ConversationHost.Channel, "/slo review start");

        Assert.Contains("This belongs in the 2026-11-23 weekly review thread", again!.PlainText());
        Assert.Single(host.Transport.Threads);
    }

    [Fact]
    public async Task StartButton_StartsAReview()
    {
        using var host = new ConversationHost();

        var reply = await host.ClickAsync(ConversationHost.Channel, new Replies.ReplyButton("review:start", "Start review"));

        Assert.Contains("Started the weekly SLO review 2026-11-23", reply!.PlainText());
    }

    [Fact]
    public async Task SliSourceDown_AgendaItemSaysSo_AndTheReviewCanGoOn()
    {
        using var host = new ConversationHost(s => s.AddSingleton<Core.Sli.ISliSource>(new TestSliSource { Failure = new Core.Sli.SliSourceException("prometheus unreachable") }));

        await host.CommandAsync(ConversationHost.Channel, "/slo review start");
        var thread = host.Transport.Threads.Single().Thread;
        var first = host.Transport.Posts.Last(p => p.Where == thread).Reply.PlainText();

        Assert.Contains("could not be gathered: the SLI source failed (prometheus unreachable)", first);
        Assert.Contains("This week's incidents", (await host.SayAsync(thread, "noted, Prometheus is down"))!.PlainText());
    }


    private static async Task RunRetroAsync(ConversationHost host)
    {
        await host.CommandAsync(ConversationHost.Channel, "/slo retro start INC-2041 payment 14:00-16:15");
        var thread = host.Transport.Threads.Last().Thread;
        foreach (var a in new[] { "ok", "next", "Pool exhaustion", "next", "skip", "500 errors on 15% of payments", "next", "next", "next", "skip", "skip", "publish" })
            await host.SayAsync(thread, a);
    }
}
