using System.Text;
using System.Text.Json;
using SloBot.Chat.Events;
using SloBot.Chat.Replies;
using SloBot.Chat.Tests.Conversations;
using Xunit;

namespace SloBot.Chat.Tests.Retrospectives;

public class RetrospectiveFlowTests
{
    // now is 2026-11-23 12:00 UTC, so "14:00-16:15" is yesterday's; 10 req/s, 0.01 % baseline errors, 25 % errors 14:00–14:45
    private static readonly DateTimeOffset IncidentStart = new(2026, 11, 22, 14, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Start_WithEverything_OpensThreadAtImpactStep_WithRealCounts()
    {
        using var host = NewHost();

        var reply = await host.CommandAsync(ConversationHost.Channel, "/slo retro start INC-2041 payment 14:00-16:15");

        Assert.Contains("Started the INC-2041 retrospective", reply!.PlainText());
        var (thread, title) = Assert.Single(host.Transport.Threads);
        Assert.Equal("INC-2041 retrospective", title);
        var prompt = host.Transport.Posts.Last(p => p.Where == thread).Reply;
        Assert.Contains("step 4 of 15: SLO impact", prompt.Header);
        var text = prompt.PlainText();
        // failed: 2,700 s × 10/s × 25 % + 5,400 s × 10/s × 0.01 % = 6,755.4 of 81,000
        Assert.Contains("6,755 of 81,000", text);
        // budget: 30 d × 86,400 s × 10/s × 0.1 % = 25,920 allowed; 6,755.4 / 25,920 = 26.1 %
        Assert.Contains("26.1 % of 30d", text);
        // availability during: 74,244.6 / 81,000 = 91.66 %
        Assert.Contains("91.66 %", text);
        // remaining now: 1 − (6,750 + 2,589.3) / 25,920 = 64 %
        Assert.Contains("64 %", text);
    }

    [Fact]
    public async Task FullRetrospective_ThroughThreadReplies_PublishesStoresAndExports()
    {
        using var host = NewHost();
        await host.CommandAsync(ConversationHost.Channel, "/slo retro start INC-2041 payment yesterday 2pm to 4:15pm");
        var thread = host.Transport.Threads.Single().Thread;

        string[] answers =
        [
            "ok",
            "14:00 Deploy payment-service v2.1.0 to production",
            "14:18 PagerDuty alert fired",
            "next",
            "Database connection pool exhaustion due to missing connection timeout",
            "Load testing didn't cover connection pool limits",
            "next",
            "Unit tests mocked database connections",
            "~15,000 users affected, ~2,500 failed transactions",
            "Alert fired within 3 minutes",
            "next",
            "No canary deployment",
            "next",
            "@alice Add connection pool monitoring and alerting by 2026-11-27",
            "Implement canary deployments (Owner: @dave, Due: 2026-12-18)",
            "next",
            "No SLO changes recommended",
            "2026-11-30: review action item progress",
        ];
        var confirmations = new List<string>();
        foreach (var a in answers)
            confirmations.Add((await host.SayAsync(thread, a))!.PlainText());

        Assert.Contains("Timeline entry 14:18 — PagerDuty alert fired ✔", confirmations[2]);
        Assert.Contains("Action item for @alice — Add connection pool monitoring and alerting · due Fri 27 Nov 2026 · this week ✔", confirmations[13]);
        Assert.Contains("Action item for @dave — Implement canary deployments · due Fri 18 Dec 2026 · this month ✔", confirmations[14]);
        Assert.Contains("step 15 of 15: Review the draft", confirmations[^1]);

        var published = await host.SayAsync(thread, "publish");
        var doc = published!.PlainText();
        Assert.Contains("Incident Retrospective: INC-2041", published.Header);
        Assert.Contains("Database connection pool exhaustion", doc);
        Assert.Contains("#1 Add connection pool monitoring", doc);

        var md = await host.CommandAsync(ConversationHost.Channel, "/slo retro export INC-2041 markdown");
        var file = Assert.Single(md!.Attachments);
        Assert.Equal("INC-2041-retrospective.md", file.FileName);
        var markdown = Encoding.UTF8.GetString(file.Content);
        Assert.StartsWith("# Incident Retrospective: INC-2041", markdown, StringComparison.Ordinal);
        Assert.Contains("| 14:18 | PagerDuty alert fired |", markdown);
        Assert.Contains("**Duration**: 2 hours 15 minutes", markdown);

        var json = await host.CommandAsync(ConversationHost.Channel, "/slo retro export INC-2041 json");
        using var parsed = JsonDocument.Parse(json!.Attachments.Single().Content);
        var impact = parsed.RootElement.GetProperty("impact")[0];
        Assert.Equal(6755.4, impact.GetProperty("failedEvents").GetDouble(), 6);
        Assert.Equal(6755.4 / 25920, impact.GetProperty("budgetConsumed").GetDouble(), 9);
        Assert.Equal(IncidentStart, parsed.RootElement.GetProperty("start").GetDateTimeOffset());

        var html = await host.CommandAsync(ConversationHost.Channel, "/slo retro export INC-2041 html");
        Assert.Contains("<h1>Incident Retrospective: INC-2041</h1>", Encoding.UTF8.GetString(html!.Attachments.Single().Content));

        var actions = (await host.CommandAsync(ConversationHost.Channel, "/slo actions"))!.PlainText();
        Assert.Contains("#1", actions);
        Assert.Contains("@dave", actions);
        Assert.Contains("Action item #1 done ✔", (await host.CommandAsync(ConversationHost.Channel, "/slo action done 1"))!.PlainText());
        Assert.DoesNotContain("Add connection pool monitoring", (await host.CommandAsync(ConversationHost.Channel, "/slo actions"))!.PlainText());
        Assert.Contains("already done", (await host.CommandAsync(ConversationHost.Channel, "/slo action done #1"))!.PlainText());
    }

    [Fact]
    public async Task Start_WithNothing_AsksForIncidentServicesAndWindow_Leniently()
    {
        using var host = NewHost();
        await host.CommandAsync(ConversationHost.Channel, "/slo retro start");
        var thread = host.Transport.Threads.Single().Thread;

        Assert.Contains("step 1 of 15: Incident id", host.Transport.Posts.Last().Reply.Header);
        Assert.Contains("Incident INC-7 ✔", (await host.SayAsync(thread, "INC-7"))!.PlainText());
        var wrong = (await host.SayAsync(thread, "paymnt"))!.PlainText();
        Assert.Contains("there is no service `paymnt` in the catalog — did you mean `payment`?", wrong);
        Assert.Contains("Services payment ✔", (await host.SayAsync(thread, "payment"))!.PlainText());
        var future = (await host.SayAsync(thread, "2026-11-23 11:00 to 2026-11-23 13:00"))!.PlainText();
        Assert.Contains("in the future", future);
        var ok = (await host.SayAsync(thread, "2026-11-22T14:00Z/2026-11-22T16:15Z"))!.PlainText();
        Assert.Contains("Incident window 14:00–16:15 UTC, Sun 22 Nov (2 hours 15 minutes) ✔", ok);
        Assert.Contains("26.1 % of 30d", ok);
    }

    [Fact]
    public async Task CommandOutsideItsThread_PointsToTheThread()
    {
        using var host = NewHost();
        await host.CommandAsync(ConversationHost.Channel, "/slo retro start INC-2041 payment 14:00-16:15");
        var id = (await host.Engine.Store.ListAsync("retro", true, 10, CancellationToken.None)).Single().Id;

        var again = await host.CommandAsync(ConversationHost.Channel with { Channel = "C2" }, "/slo retro start INC-2041");
        var resume = await host.CommandAsync(ConversationHost.Channel, $"/slo retro resume {id}");

        Assert.Contains("This belongs in the INC-2041 retrospective thread: `slack:C1:t1`", again!.PlainText());
        Assert.Contains("This belongs in the INC-2041 retrospective thread", resume!.PlainText());
        Assert.Single(host.Transport.Threads);
    }

    [Fact]
    public async Task List_ShowsProgress_AndExportOfUnpublishedSaysSo()
    {
        using var host = NewHost();
        await host.CommandAsync(ConversationHost.Channel, "/slo retro start INC-2041 payment 14:00-16:15");

        var list = (await host.CommandAsync(ConversationHost.Channel, "/slo retro list"))!.PlainText();
        var export = (await host.CommandAsync(ConversationHost.Channel, "/slo retro export INC-2041"))!.PlainText();

        Assert.Contains("step 4 of 15: SLO impact", list);
        Assert.Contains("not published yet", export);
    }

    [Fact]
    public async Task InTheConsole_TheSessionIsTheThread()
    {
        using var host = NewHost();
        var console = new ConversationKey("console", "terminal", "session");

        var first = await host.CommandAsync(console, "/slo retro start INC-9 search 09:00-09:30");

        Assert.Contains("SLO impact", first!.Header);
        Assert.Empty(host.Transport.Threads);
        Assert.Contains("Timeline", (await host.SayAsync(console, "ok"))!.PlainText());
    }

    private static ConversationHost NewHost()
    {
        var host = new ConversationHost();
        host.Sli.IncidentStart = IncidentStart;
        host.Sli.IncidentEnd = IncidentStart.AddMinutes(45);
        return host;
    }
}
