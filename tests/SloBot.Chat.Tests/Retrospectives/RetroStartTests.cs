using Microsoft.Extensions.DependencyInjection;
using SloBot.Chat.Replies;
using SloBot.Chat.Tests.Conversations;
using Xunit;

namespace SloBot.Chat.Tests.Retrospectives;

/// <summary>Issue 12 item 12: <c>/slo retro start</c> says what it understood (now is Mon 23 Nov 2026 12:00 UTC).</summary>
public sealed class RetroStartTests
{
    [Theory]
    [InlineData("/slo retro start INC-9 payment 25:00-26:00", "The window `25:00-26:00` is not one I can use: `25:00` is not a time of day")]
    [InlineData("/slo retro start INC-9 payment 14:00-99:99", "The window `14:00-99:99` is not one I can use: `99:99` is not a time of day")]
    [InlineData("/slo retro start INC-9 25:00-26:00", "The window `25:00-26:00` is not one I can use")]
    [InlineData("/slo retro start INC-9 payment today 14:00-16:15", "The window `today 14:00-16:15` is not one I can use: the end (2026-11-23 16:15 UTC) is in the future")]
    [InlineData("/slo retro start INC-9 payment 2026-11-24T14:00Z/2026-11-24T16:15Z", "is in the future")]
    [InlineData("/slo retro start INC-9 payment,search 2026-11-20T16:00Z/2026-11-20T14:00Z", "the end must come after the start")]
    public async Task Start_BadWindow_IsABadWindowNotAnUnknownService_AndStartsNothing(string command, string expected)
    {
        using var host = new ConversationHost();

        var reply = (await host.CommandAsync(ConversationHost.Channel, command))!;

        Assert.Equal(ExitCodes.BadCommand, reply.ExitCode);
        Assert.Contains(expected, reply.PlainText(), StringComparison.Ordinal);
        Assert.DoesNotContain("no service", reply.PlainText(), StringComparison.Ordinal);
        Assert.Contains("Nothing was started", reply.PlainText(), StringComparison.Ordinal);
        Assert.Empty(await host.Engine.Store.ListAsync(null, activeOnly: false, 10, CancellationToken.None));
        Assert.Empty(host.Transport.Threads);
    }

    [Theory]
    [InlineData("INC-2041 payment 2026-11-20T14:00Z/2026-11-20T16:15Z", "window 14:00–16:15 UTC, Fri 20 Nov (2 hours 15 minutes)")]
    [InlineData("INC-2041 payment 14:00-16:15", "window 14:00–16:15 UTC, Sun 22 Nov (2 hours 15 minutes)")]
    [InlineData("INC-2041 payment,search yesterday 23:30 to today 01:15", "window Sun 22 Nov 23:30 – Mon 23 Nov 01:15 UTC (1 hour 45 minutes)")]
    public async Task Start_GoodWindow_EchoesItWithDateAndZone(string args, string expected)
    {
        using var host = new ConversationHost();

        var reply = (await host.CommandAsync(ConversationHost.Channel, "/slo retro start " + args))!;
        var first = host.Transport.Posts.Last().Reply.PlainText();

        Assert.Equal(ExitCodes.Answered, reply.ExitCode);
        Assert.Contains("Understood: incident INC-2041 · services payment", reply.PlainText(), StringComparison.Ordinal);
        Assert.Contains(expected, reply.PlainText(), StringComparison.Ordinal);
        Assert.Contains(expected, first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_InAnotherZone_EchoesTheZone()
    {
        using var host = new ConversationHost(s => s.Configure<SloBot.Chat.Conversations.ConversationOptions>(o => o.TimeZone = "Europe/Berlin"));

        var reply = (await host.CommandAsync(ConversationHost.Channel, "/slo retro start INC-3 payment 2026-11-20 14:00-16:15"))!;

        Assert.Contains("window 14:00–16:15 Europe/Berlin, Fri 20 Nov", reply.PlainText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithoutIncident_TheIdTypedAtStep1BecomesTheTitle()
    {
        using var host = new ConversationHost();
        await host.CommandAsync(ConversationHost.Channel, "/slo retro start");
        var thread = host.Transport.Threads.Single().Thread;

        await host.SayAsync(thread, "INC-77");

        var record = Assert.Single(await host.Engine.Store.ListAsync("retro", activeOnly: true, 10, CancellationToken.None));
        Assert.Equal("INC-77", record.Title);
        Assert.Contains("INC-77", (await host.CommandAsync(ConversationHost.Channel, "/slo retro list"))!.PlainText(), StringComparison.Ordinal);
        Assert.Contains("This belongs in the INC-77 retrospective thread", (await host.CommandAsync(ConversationHost.Channel with { Channel = "C2" }, "/slo retro start INC-77"))!.PlainText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_PublishedIncident_SaysSoLinksItAndAsksBeforeASecond()
    {
        using var host = new ConversationHost();
        var id = await PublishAsync(host, "INC-5");

        var again = (await host.CommandAsync(ConversationHost.Channel, "/slo retro start inc-5 payment 09:00-09:30"))!;

        var text = again.PlainText();
        Assert.Contains($"INC-5 already has a published retrospective ({id}, published Mon 23 Nov 12:00 UTC, thread `slack:C1:t1`)", text, StringComparison.Ordinal);
        Assert.Contains($"`/slo retro export {id} markdown`", text, StringComparison.Ordinal);
        Assert.Contains("`/slo retro start inc-5 payment 09:00-09:30 again`", text, StringComparison.Ordinal);
        Assert.Single(await host.Engine.Store.ListAsync("retro", activeOnly: false, 10, CancellationToken.None));

        var button = Assert.Single(again.Buttons);
        var second = (await host.ClickAsync(ConversationHost.Channel, button))!;

        Assert.Contains("Started the inc-5 retrospective", second.PlainText(), StringComparison.Ordinal);
        Assert.Equal(2, (await host.Engine.Store.ListAsync("retro", activeOnly: false, 10, CancellationToken.None)).Count);
    }

    /// <summary>A minimal retrospective, published; its conversation id.</summary>
    private static async Task<string> PublishAsync(ConversationHost host, string incident)
    {
        await host.CommandAsync(ConversationHost.Channel, $"/slo retro start {incident} payment 09:00-09:30");
        var thread = host.Transport.Threads.Last().Thread;
        foreach (var answer in new[] { "ok", "next", "A bad deploy", "next", "skip", "skip", "next", "next", "next", "skip", "skip" })
            await host.SayAsync(thread, answer);
        var published = (await host.SayAsync(thread, "publish"))!;
        Assert.Contains($"Incident Retrospective: {incident}", published.Header, StringComparison.Ordinal);
        return Assert.Single(await host.Engine.Store.ListAsync("retro", activeOnly: false, 10, CancellationToken.None)).Id;
    }
}
