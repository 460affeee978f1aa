using System.Text.Json;
using System.Text.Json.Nodes;
using SloBot.Chat.Events;
using SloBot.Slack.Inbound;
using SloBot.Slack.Tests.Emulator;

namespace SloBot.Slack.Tests.Inbound;

public sealed class SlackPayloadsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static JsonElement Json(JsonObject o) => JsonDocument.Parse(o.ToJsonString()).RootElement;

    [Fact]
    public void FromSlashCommand_TextIsWhatFollowsTheCommand()
    {
        var fields = SlackPayloads.Fields(Json(SlackEnvelopes.SlashCommandFields("  budget payment ", "https://hooks.slack.com/commands/T/1/x", triggerId: "111.222.abc")));
        var inbound = SlackPayloads.FromSlashCommand(fields, Now)!;
        var command = Assert.IsType<CommandEvent>(inbound.Event);
        Assert.Equal("budget payment", command.Text);
        Assert.Equal("111.222.abc", command.EventId);
        Assert.Equal(new ChatUser("U0ALICE", "alice"), command.User);
        Assert.Equal(new Uri("https://hooks.slack.com/commands/T/1/x"), inbound.Target.ResponseUrl);
    }

    [Theory]
    [InlineData("""{"type":"message","subtype":"message_changed","channel":"C1","ts":"2.0","thread_ts":"1.0","user":"U1"}""")]
    [InlineData("""{"type":"message","bot_id":"B0BOT","channel":"C1","ts":"2.0","thread_ts":"1.0","user":"U0BOT","text":"our own"}""")]
    [InlineData("""{"type":"message","channel":"C1","ts":"2.0","user":"U1","text":"top-level chatter"}""")]
    [InlineData("""{"type":"message","channel":"C1","ts":"1.0","thread_ts":"1.0","user":"U1","text":"the thread's parent"}""")]
    [InlineData("""{"type":"reaction_added","user":"U1","item":{"type":"message","channel":"C1","ts":"1.0"}}""")]
    public void FromEventCallback_IgnoresWhatIsNotForSloBot(string @event)
    {
        var payload = SlackEnvelopes.EventCallback(JsonNode.Parse(@event)!.AsObject(), "Ev1");
        Assert.Null(SlackPayloads.FromEventCallback(Json(payload), Now));
    }

    [Fact]
    public void FromEventCallback_ThreadReplyAndBroadcast_AreThreadMessages()
    {
        var reply = SlackEnvelopes.ThreadReply("it was the cache", "1700000000.000100", "1700000005.000500");
        reply["subtype"] = "thread_broadcast";
        var inbound = SlackPayloads.FromEventCallback(Json(SlackEnvelopes.EventCallback(reply, "Ev9")), Now)!;
        var message = Assert.IsType<ThreadMessage>(inbound.Event);
        Assert.Equal(new ConversationKey("slack", "C0PAYMENTS", "1700000000.000100"), message.Where);
        Assert.Equal("it was the cache", message.Text);
        Assert.Contains("msg:C0PAYMENTS:1700000005.000500", inbound.DedupeKeys);
    }

    [Fact]
    public void MentionInAThread_MessageAndAppMentionShareADedupeKey()
    {
        var message = SlackPayloads.FromEventCallback(Json(SlackEnvelopes.EventCallback(
            SlackEnvelopes.ThreadReply("<@U0BOT> status", "1.000100", "2.000200"), "EvA")), Now)!;
        var mention = SlackPayloads.FromEventCallback(Json(SlackEnvelopes.EventCallback(
            SlackEnvelopes.AppMention("<@U0BOT> status", "2.000200", threadTs: "1.000100"), "EvB")), Now)!;
        Assert.Equal("status", ((ThreadMessage)mention.Event).Text);
        Assert.NotEmpty(message.DedupeKeys.Intersect(mention.DedupeKeys));
    }

    [Fact]
    public void FromInteraction_ViewSubmissionWithoutMetadata_AnswersInTheUsersDm()
    {
        var inbound = SlackPayloads.FromInteraction(Json(SlackEnvelopes.ViewSubmission("tier.answers", "", new Dictionary<string, string> { ["users"] = "external" })), Now)!;
        var submit = Assert.IsType<ModalSubmit>(inbound.Event);
        Assert.Equal("U0ALICE", submit.Where.Channel);
        Assert.Equal("external", submit.Values["users"]);
    }

    [Fact]
    public void FromInteraction_Shortcut_IsIgnored() =>
        Assert.Null(SlackPayloads.FromInteraction(Json(new JsonObject { ["type"] = "shortcut", ["callback_id"] = "x" }), Now));

    // Shapes a stranger can send where Slack sends objects (CI's fuzzing found the first: a modal block that is a string).
    [Theory]
    [InlineData("""{"type":"view_submission","user":{"id":"U1"},"view":{"state":{"values":{"b1":"not an object"}}}}""")]
    [InlineData("""{"type":"view_submission","user":{"id":"U1"},"view":{"state":"x"}}""")]
    [InlineData("""{"type":"view_submission","user":{"id":"U1"},"view":{"state":{"values":{"b1":{"a1":[1,2]}}}}}""")]
    [InlineData("""{"type":"view_submission","user":{"id":"U1"},"view":{"state":{"values":{"b1":{"a1":{"selected_options":[1,{"value":2}]}}}}}}""")]
    [InlineData("""{"type":"view_submission","user":{"id":"U1"},"view":"x","response_urls":"y"}""")]
    [InlineData("""{"type":"block_actions","user":{"id":"U1"},"channel":{"id":"C1"},"actions":[5]}""")]
    [InlineData("""{"type":"block_actions","user":"U1","actions":{"x":1}}""")]
    public void FromInteraction_WrongShapes_AreIgnoredOrReadWithoutThrowing(string payload) =>
        _ = SlackPayloads.FromInteraction(JsonDocument.Parse(payload).RootElement, Now);

    [Theory]
    [InlineData("""{"type":"event_callback","event":"x"}""")]
    [InlineData("""{"type":"event_callback","authorizations":[7],"event":{"type":"app_mention","channel":"C1","user":"U1","ts":"1.0","text":"hi"}}""")]
    public void FromEventCallback_WrongShapes_AreReadWithoutThrowing(string payload) =>
        _ = SlackPayloads.FromEventCallback(JsonDocument.Parse(payload).RootElement, Now);
}
