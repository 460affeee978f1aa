using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SloBot.Chat;
using SloBot.Core.Catalog;
using SloBot.Core.Sli;
using SloBot.Slack.Tests.Emulator;
using SloBot.Chat.Budgets;
using SloBot.Chat.Catalog;
using SloBot.Chat.Releases;
using SloBot.Chat.Tiers;
using SloBot.Chat.Design;
using SloBot.Chat.Journeys;
using SloBot.Testing;

namespace SloBot.Slack.Tests.SocketMode;

/// <summary>/slo budget payment from a Socket Mode envelope through the real chat layer to the Block Kit answer.</summary>
public sealed class ChatLayerEndToEndTests
{
    internal static readonly InMemorySloCatalog Catalog = new(
    [
        new ServiceDefinition("payment", [new SloDefinition("payment", "availability", 0.999, TimeSpan.FromDays(30), SliQuery.EmbeddedOnly)]),
        new ServiceDefinition("search", [new SloDefinition("search", "latency", 0.99, TimeSpan.FromDays(30), SliQuery.EmbeddedOnly)]),
    ]);


    /// <summary>Every window has 1,000 events a minute of which 0.05 % are bad: half the budget's pace.</summary>
    internal static TestSliSource Steady() => TestSliSource.Steady(60_000, 0.0005);

    internal static void AddChatLayer(IServiceCollection services) => services
        .AddSloBotChat().AddBudgets().AddCatalogCommand().AddReleases().AddTiers().AddDesign().AddJourneys()
        .AddSingleton<ISloCatalog>(Catalog)
        .AddSingleton<ISliSource>(_ => Steady());

    [Fact]
    public async Task SloBudgetPayment_FromEnvelopeToResponseUrl_WithTheBudgetBlocks()
    {
        await using var slack = await SlackEmulator.StartAsync();
        await using var host = await SlackTestHost.StartAsync(slack, AddChatLayer);
        await slack.WaitForSocketAsync();

        var envelopeId = await slack.SendAsync(SlackEnvelopes.SlashCommand("budget payment", slack.NewResponseUrl(out _)));
        var answer = await SlackEmulator.WaitForAsync(() => slack.CallsOf("response_url").FirstOrDefault(), "the budget answer");

        Assert.True(slack.Acks[envelopeId].At <= answer.At);
        Assert.Equal("in_channel", answer.Str("response_type"));
        var blocks = answer.Body.GetProperty("blocks").EnumerateArray().ToArray();
        Assert.Equal(["header", "section", "section", "actions", "context"], blocks.Select(b => b.GetProperty("type").GetString()));
        Assert.Equal("Error budget · payment", blocks[0].GetProperty("text").GetProperty("text").GetString());
        Assert.Contains("*availability*", blocks[1].GetProperty("text").GetProperty("text").GetString(), StringComparison.Ordinal);
        var fields = blocks[2].GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("text").GetString()!).ToArray();
        Assert.Contains(fields, f => f.StartsWith("*Budget remaining*\n50 %", StringComparison.Ordinal));
        Assert.Contains(fields, f => f.StartsWith("*Burn rate*\n", StringComparison.Ordinal) && f.Contains("0.5×", StringComparison.Ordinal));
        var button = blocks[3].GetProperty("elements")[0];
        Assert.Equal(("budget.refresh", "payment"), (button.GetProperty("action_id").GetString(), button.GetProperty("value").GetString()));
        Assert.StartsWith("payment: 50 % of the availability budget left", answer.Str("text"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefreshButton_UpdatesTheClickedMessageInPlace()
    {
        await using var slack = await SlackEmulator.StartAsync();
        await using var host = await SlackTestHost.StartAsync(slack, AddChatLayer);
        await slack.WaitForSocketAsync();

        await slack.SendAsync(SlackEnvelopes.Interactive(SlackEnvelopes.BlockActions("budget.refresh", "payment", slack.NewResponseUrl(out _), messageTs: "1700000000.000777")));
        var update = await SlackEmulator.WaitForAsync(() => slack.CallsOf("chat.update").FirstOrDefault(), "the refreshed budget");

        Assert.Equal(("C0PAYMENTS", "1700000000.000777"), (update.Str("channel"), update.Str("ts")));
        Assert.Equal("Error budget · payment", update.Body.GetProperty("blocks")[0].GetProperty("text").GetProperty("text").GetString());
        Assert.Empty(slack.CallsOf("response_url"));
        Assert.Empty(slack.CallsOf("chat.postMessage"));
    }

    [Fact]
    public async Task MistypedService_GetsAnEphemeralDidYouMean()
    {
        await using var slack = await SlackEmulator.StartAsync();
        await using var host = await SlackTestHost.StartAsync(slack, AddChatLayer);
        await slack.WaitForSocketAsync();

        await slack.SendAsync(SlackEnvelopes.SlashCommand("budget paymnet", slack.NewResponseUrl(out _)));
        var answer = await SlackEmulator.WaitForAsync(() => slack.CallsOf("response_url").FirstOrDefault(), "the answer");

        Assert.Equal("ephemeral", answer.Str("response_type"));
        Assert.Contains("did you mean `payment`", answer.Body.GetProperty("blocks")[0].GetProperty("text").GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusedAppToken_StopsSocketModeWithoutStoppingTheHost()
    {
        await using var slack = await SlackEmulator.StartAsync();
        slack.ConnectionsOpenError = "invalid_auth";
        await using var host = await SlackTestHost.StartAsync(slack, AddChatLayer);

        await SlackEmulator.WaitUntilAsync(() => host.Logs.Entries.Any(e => e.Message.Contains("refused the app-level token", StringComparison.Ordinal)), "the critical log line");
        // The event: Socket Mode's loop is over (its one slot gave up), so nothing is left that could call again.
        var socketMode = host.Services.GetServices<IHostedService>().OfType<SloBot.Slack.SocketMode.SocketModeService>().Single();
        await SlackEmulator.WaitUntilAsync(() => socketMode.ExecuteTask is { IsCompleted: true }, "Socket Mode to stop");
        Assert.Single(slack.CallsOf("apps.connections.open")); // not retried in a loop
        Assert.False(host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
    }
}
