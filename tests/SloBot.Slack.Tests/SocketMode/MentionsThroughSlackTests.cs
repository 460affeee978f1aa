using System.Text.Json;
using SloBot.Slack.Tests.Emulator;

namespace SloBot.Slack.Tests.SocketMode;

/// <summary>Issue 13 items 8 and 12 through the Slack emulator: @SloBot outside a thread answers; echoed broadcasts ping nobody.</summary>
public sealed class MentionsThroughSlackTests
{
    [Fact]
    public async Task MentionOutsideAThread_StartsAThreadOnTheMessage_AndAnswersTheCommand()
    {
        await using var slack = await SlackEmulator.StartAsync();
        await using var host = await SlackTestHost.StartAsync(slack, ChatLayerEndToEndTests.AddChatLayer);
        await slack.WaitForSocketAsync();

        await slack.SendAsync(SlackEnvelopes.EventsApi(SlackEnvelopes.AppMention("<@U0BOT> budget payment", "1790000000.000100"), "Ev1"));

        var answer = await SlackEmulator.WaitForAsync(() => slack.CallsOf("chat.postMessage").FirstOrDefault(), "the answer to the mention");
        Assert.Equal(("C0PAYMENTS", "1790000000.000100"), (answer.Str("channel"), answer.Str("thread_ts")));
        Assert.StartsWith("payment: 50 % of the availability budget left", answer.Str("text"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChatterInAThreadWithoutSloBot_StaysUnanswered()
    {
        await using var slack = await SlackEmulator.StartAsync();
        await using var host = await SlackTestHost.StartAsync(slack, ChatLayerEndToEndTests.AddChatLayer);
        await slack.WaitForSocketAsync();

        await slack.SendAsync(SlackEnvelopes.EventsApi(SlackEnvelopes.ThreadReply("budget payment", "1790000000.000100", "1790000000.000200"), "Ev2"));
        await slack.SendAsync(SlackEnvelopes.EventsApi(SlackEnvelopes.AppMention("<@U0BOT> help", "1790000000.000300"), "Ev3"));

        // The second event is answered; by then the first (sent before it, on the same socket) was handled and said nothing.
        var answer = await SlackEmulator.WaitForAsync(() => slack.CallsOf("chat.postMessage").FirstOrDefault(), "the answer to the mention");
        Assert.Equal("1790000000.000300", answer.Str("thread_ts"));
        Assert.Single(slack.CallsOf("chat.postMessage"));
    }

    [Theory]
    [InlineData("<!channel>")]
    [InlineData("<!here>")]
    [InlineData("<!everyone>")]
    [InlineData("<!subteam^S0ONCALL|@oncall>")]
    public async Task BroadcastMentionInCommandArguments_IsEchoedAsText_AndPingsNobody(string broadcast)
    {
        await using var slack = await SlackEmulator.StartAsync();
        await using var host = await SlackTestHost.StartAsync(slack, ChatLayerEndToEndTests.AddChatLayer);
        await slack.WaitForSocketAsync();

        await slack.SendAsync(SlackEnvelopes.SlashCommand($"release payment {broadcast} lines=5", slack.NewResponseUrl(out _)));

        var answer = await SlackEmulator.WaitForAsync(() => slack.CallsOf("response_url").FirstOrDefault(), "the answer");
        var text = Texts(answer.Body);
        Assert.Contains(broadcast.Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal), text, StringComparison.Ordinal);
        Assert.DoesNotContain("<!", text, StringComparison.Ordinal);
        Assert.Contains($"Release payment <\u2060{broadcast[1..]}", text, StringComparison.Ordinal); // the header (plain_text) shows it as typed
    }

    private static string Texts(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString()!,
        JsonValueKind.Object => string.Join("\n", e.EnumerateObject().Select(p => Texts(p.Value))),
        JsonValueKind.Array => string.Join("\n", e.EnumerateArray().Select(Texts)),
        _ => "",
    };
}
