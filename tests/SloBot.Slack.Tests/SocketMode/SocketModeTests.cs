using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SloBot.Chat.Delivery;
using SloBot.Chat.Events;
using SloBot.Chat.Replies;
using SloBot.Slack.Inbound;
using SloBot.Slack.Tests.Emulator;

namespace SloBot.Slack.Tests.SocketMode;

/// <summary>The real transport over a real WebSocket to the emulator, with a recording chat layer.</summary>
public sealed class SocketModeTests : IAsyncLifetime
{
    private SlackEmulator _slack = null!;
    private SlackTestHost _host = null!;
    private readonly RecordingSink _sink = new();

    public async Task InitializeAsync()
    {
        _slack = await SlackEmulator.StartAsync();
        _host = await SlackTestHost.StartAsync(_slack, s => s.AddSingleton<IChatEventSink>(_sink));
        await _slack.WaitForSocketAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _slack.DisposeAsync();
    }

    [Fact]
    public async Task SlashCommand_IsAckedBeforeTheAnswerWhateverTheWorkCosts()
    {
        var release = new TaskCompletionSource();
        _sink.Answer = async (e, ct) =>
        {
            await release.Task.WaitAsync(ct);
            return Reply.Text("done: " + RecordingSink.Describe(e));
        };
        var url = _slack.NewResponseUrl(out var responseId);

        var envelopeId = await _slack.SendAsync(SlackEnvelopes.SlashCommand("budget payment", url));
        await SlackEmulator.WaitUntilAsync(() => _slack.Acks.ContainsKey(envelopeId), "the ack");
        Assert.Empty(_slack.CallsOf("response_url")); // acked while the work is still blocked
        release.SetResult();

        var answer = await SlackEmulator.WaitForAsync(() => _slack.CallsOf("response_url").FirstOrDefault(), "the answer");
        Assert.True(_slack.Acks[envelopeId].At <= answer.At);
        Assert.Equal(responseId, answer.Form["id"]);
        Assert.Equal("in_channel", answer.Str("response_type"));
        Assert.Contains("done: budget payment", answer.Body.GetProperty("blocks").GetRawText());
        var command = Assert.IsType<CommandEvent>(Assert.Single(_sink.Events));
        Assert.Equal("budget payment", command.Text);
        Assert.Equal(new ConversationKey("slack", "C0PAYMENTS"), command.Where);
        Assert.Equal("U0ALICE", command.User.Id);
        Assert.Equal("{\"envelope_id\":\"" + envelopeId + "\"}", _slack.Acks[envelopeId].Frame.GetRawText());
    }

    [Fact]
    public async Task MoreCommandsThanWorkers_AllAckedAtOnce_AllAnsweredWhenTheWorkFrees()
    {
        var release = new TaskCompletionSource();
        _sink.Answer = async (e, ct) =>
        {
            await release.Task.WaitAsync(ct);
            return Reply.Text("ok " + RecordingSink.Describe(e));
        };
        var ids = new List<string>();
        for (var i = 0; i < 30; i++) // the default is 8 workers
            ids.Add(await _slack.SendAsync(SlackEnvelopes.SlashCommand($"budget s{i}", _slack.NewResponseUrl(out _))));

        await SlackEmulator.WaitUntilAsync(() => ids.All(_slack.Acks.ContainsKey), "30 acks while every worker is busy");
        Assert.Empty(_slack.CallsOf("response_url"));
        release.SetResult();
        await SlackEmulator.WaitUntilAsync(() => _slack.CallsOf("response_url").Count == 30, "30 answers");
        Assert.Equal(30, _sink.Events.Count);
    }

    [Fact]
    public async Task RedeliveredEnvelopeAndRetriedEvent_AreAnsweredOnce()
    {
        var url = _slack.NewResponseUrl(out _);
        var command = SlackEnvelopes.SlashCommand("status", url);
        await _slack.SendAsync(command);
        await _slack.SendAsync((System.Text.Json.Nodes.JsonObject)command.DeepClone()); // same envelope_id again

        var reply = SlackEnvelopes.ThreadReply("yes", threadTs: "1700000000.000100", ts: "1700000001.000200");
        var first = await _slack.SendAsync(SlackEnvelopes.EventsApi(reply, "Ev0RETRY"));
        var retry = await _slack.SendAsync(SlackEnvelopes.EventsApi((System.Text.Json.Nodes.JsonObject)reply.DeepClone(), "Ev0RETRY", retryAttempt: 1));

        // One socket reads its frames in order: once a later event has been handled and nothing is in flight, the
        // copies before it were either dropped as duplicates or answered. That is the event to wait on, not a pause.
        var marker = SlackEnvelopes.ThreadReply("marker", threadTs: "1700000000.000300", ts: "1700000001.000400");
        await _slack.SendAsync(SlackEnvelopes.EventsApi(marker, "Ev0MARKER"));
        await SlackEmulator.WaitUntilAsync(() => _sink.Events.Any(e => RecordingSink.Describe(e) == "marker"), "the marker event");
        await SlackEmulator.WaitUntilAsync(() => _host.Services.GetRequiredService<SlackInbound>().InFlight == 0, "no inbound work in flight");
        Assert.True(_slack.Acks.ContainsKey(first) && _slack.Acks.ContainsKey(retry), "both deliveries are acked");
        Assert.Single(_slack.CallsOf("response_url"));
        Assert.Single(_slack.CallsOf("chat.postMessage"), p => p.Str("thread_ts") == "1700000000.000100");
        Assert.Equal(3, _sink.Events.Count);
    }

    [Fact]
    public async Task SocketKilledMidCommand_LosesNothingAndReconnects()
    {
        var release = new TaskCompletionSource();
        _sink.Answer = async (e, ct) =>
        {
            await release.Task.WaitAsync(ct);
            return Reply.Text("answer to " + RecordingSink.Describe(e));
        };
        var socket = _slack.OpenSockets.Single();
        var url = _slack.NewResponseUrl(out _);
        var acked = await _slack.SendAsync(SlackEnvelopes.SlashCommand("budget payment", url));
        await SlackEmulator.WaitUntilAsync(() => _slack.Acks.ContainsKey(acked), "the ack");

        socket.Kill(); // mid-command: the work is running, the socket is gone
        var second = await _slack.WaitForSocketAsync(openedAtLeast: 2);
        release.SetResult();

        var answer = await SlackEmulator.WaitForAsync(() => _slack.CallsOf("response_url").FirstOrDefault(), "the answer after the kill");
        Assert.Contains("answer to budget payment", answer.Body.GetProperty("blocks").GetRawText());
        Assert.NotEqual(socket.Id, second.Id);

        // And an envelope sent on the new socket still works.
        var url2 = _slack.NewResponseUrl(out _);
        await _slack.SendAsync(SlackEnvelopes.SlashCommand("status", url2));
        await SlackEmulator.WaitUntilAsync(() => _slack.CallsOf("response_url").Count == 2, "the next answer");
    }

    [Fact]
    public async Task SocketCutAgainAndAgainWhileServing_ComesBackQuicklyEachTime_NotWithGrowingBackoff()
    {
        for (var cut = 1; cut <= 4; cut++)
        {
            var socket = _slack.OpenSockets.Single();
            var envelope = await _slack.SendAsync(SlackEnvelopes.SlashCommand("status", _slack.NewResponseUrl(out _)), socket);
            await SlackEmulator.WaitUntilAsync(() => _slack.Acks.ContainsKey(envelope), $"the ack before cut {cut}");
            socket.Kill();
            await _slack.WaitForSocketAsync(openedAtLeast: cut + 1);
        }

        // Each drop of a socket that was delivering envelopes is retried after the short jittered pause (≤ 250 ms), not
        // the 1 s, 2 s, 4 s… of a flapping one (which four quick drops in a row would otherwise be).
        var delays = _host.Logs.Entries.Select(e => System.Text.RegularExpressions.Regex.Match(e.Message, @"socket gone \(dropped\), reconnecting in (\S+)$"))
            .Where(m => m.Success).Select(m => TimeSpan.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(4, delays.Length);
        Assert.All(delays, d => Assert.True(d <= TimeSpan.FromMilliseconds(250), $"reconnect delay {d}"));
    }

    [Fact]
    public async Task SocketKilledBeforeAck_SlackRedeliversOnTheNewSocket_AnsweredOnce()
    {
        var socket = _slack.OpenSockets.Single();
        var reply = SlackEnvelopes.ThreadReply("retro notes", threadTs: "1700000000.000100", ts: "1700000002.000300");
        var envelope = SlackEnvelopes.EventsApi(reply, "Ev0LOST");
        await _slack.SendAsync(envelope, socket, lostInFlight: true);
        socket.Kill();

        var second = await _slack.WaitForSocketAsync(openedAtLeast: 2);
        await SlackEmulator.WaitUntilAsync(() => _slack.Acks.ContainsKey(envelope["envelope_id"]!.GetValue<string>()), "the redelivered envelope's ack");
        Assert.Equal(second.Id, _slack.Acks[envelope["envelope_id"]!.GetValue<string>()].SocketId);
        await SlackEmulator.WaitForAsync(() => _slack.CallsOf("chat.postMessage").FirstOrDefault(), "the answer");
        var thread = Assert.IsType<ThreadMessage>(Assert.Single(_sink.Events));
        Assert.Equal("retro notes", thread.Text);
    }

    [Fact]
    public async Task RefreshRequested_OpensTheNewSocketBeforeClosingTheOld()
    {
        var old = _slack.OpenSockets.Single();
        await old.DisconnectAsync("refresh_requested");
        var replacement = await _slack.WaitForSocketAsync(openedAtLeast: 2);
        await SlackEmulator.WaitUntilAsync(() => old.ClosedAt is not null, "the old socket to close");

        Assert.True(replacement.HelloAt <= old.ClosedAt, "the replacement said hello before the old socket closed");
        Assert.Equal(0, _slack.Gaps);
        var url = _slack.NewResponseUrl(out _);
        await _slack.SendAsync(SlackEnvelopes.SlashCommand("status", url), replacement);
        await SlackEmulator.WaitUntilAsync(() => _slack.CallsOf("response_url").Count == 1, "an answer through the new socket");
    }

    [Fact]
    public async Task Warning_EnvelopesOnTheOldSocketAreStillAckedUntilItCloses()
    {
        var old = _slack.OpenSockets.Single();
        _slack.HoldNextSocket = true; // the replacement's hello is delayed, so the old socket lives on for a moment
        await old.DisconnectAsync("warning");
        var url = _slack.NewResponseUrl(out _);
        var late = await _slack.SendAsync(SlackEnvelopes.SlashCommand("help", url), old);
        await SlackEmulator.WaitUntilAsync(() => _slack.Acks.ContainsKey(late), "the ack on the old socket");
        Assert.Equal(old.Id, _slack.Acks[late].SocketId);
        _slack.HoldNextSocket = false;
        await SlackEmulator.WaitUntilAsync(() => old.ClosedAt is not null, "the old socket to close");
        Assert.Equal(0, _slack.Gaps);
        await SlackEmulator.WaitUntilAsync(() => _slack.CallsOf("response_url").Count == 1, "the answer");
    }

    [Fact]
    public async Task ButtonClick_ActionIdAndValueRoundTrip()
    {
        _sink.Answer = (e, _) => Task.FromResult<Reply?>(e is CommandEvent
            ? new Reply { Blocks = [new TextBlock("pick")], Buttons = [new ReplyButton("budget.refresh", "Refresh", "payment", ButtonStyle.Primary)] }
            : Reply.Text("clicked " + RecordingSink.Describe(e)));
        var url = _slack.NewResponseUrl(out _);
        await _slack.SendAsync(SlackEnvelopes.SlashCommand("budget payment", url));
        var first = await SlackEmulator.WaitForAsync(() => _slack.CallsOf("response_url").FirstOrDefault(), "the answer with a button");
        var button = first.Body.GetProperty("blocks").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "actions").GetProperty("elements")[0];

        var clickUrl = _slack.NewResponseUrl(out _);
        await _slack.SendAsync(SlackEnvelopes.Interactive(SlackEnvelopes.BlockActions(
            button.GetProperty("action_id").GetString()!, button.GetProperty("value").GetString(), clickUrl, threadTs: "1699999999.000001")));

        await SlackEmulator.WaitUntilAsync(() => _slack.CallsOf("response_url").Count == 2, "the click's answer");
        var click = Assert.IsType<ButtonClick>(_sink.Events.Last());
        Assert.Equal("budget.refresh", click.ActionId);
        Assert.Equal("payment", click.Value);
        Assert.Equal("1700000000.000100", click.MessageId);
        Assert.Equal(new ConversationKey("slack", "C0PAYMENTS", "1699999999.000001"), click.Where);
    }

    [Fact]
    public async Task ViewSubmission_BecomesModalSubmitAnsweredWhereTheMetadataSays()
    {
        await _slack.SendAsync(SlackEnvelopes.Interactive(SlackEnvelopes.ViewSubmission(
            "retro.answers", "C0PAYMENTS/1700000000.000100", new Dictionary<string, string> { ["impact"] = "checkout down 12 min" })));
        var post = await SlackEmulator.WaitForAsync(() => _slack.CallsOf("chat.postMessage").FirstOrDefault(), "the answer");
        var submit = Assert.IsType<ModalSubmit>(Assert.Single(_sink.Events));
        Assert.Equal("retro.answers", submit.CallbackId);
        Assert.Equal("checkout down 12 min", submit.Values["impact"]);
        Assert.Equal("C0PAYMENTS", post.Str("channel"));
        Assert.Equal("1700000000.000100", post.Str("thread_ts"));
    }

    [Fact]
    public async Task EphemeralReply_GoesBackAsEphemeral_AndExpiredResponseUrlFallsBackToTheWebApi()
    {
        _sink.Answer = (e, _) => Task.FromResult<Reply?>(Reply.BadCommand("no service `paymnet` — did you mean `payment`?"));
        var url = _slack.NewResponseUrl(out _);
        await _slack.SendAsync(SlackEnvelopes.SlashCommand("budget paymnet", url));
        var answer = await SlackEmulator.WaitForAsync(() => _slack.CallsOf("response_url").FirstOrDefault(), "the ephemeral answer");
        Assert.Equal("ephemeral", answer.Str("response_type"));

        _sink.Answer = (e, _) => Task.FromResult<Reply?>(Reply.Text("late answer"));
        var expired = _slack.NewResponseUrl(out var expiredId);
        _slack.ExpireResponseUrl(expiredId);
        await _slack.SendAsync(SlackEnvelopes.SlashCommand("status", expired, channel: "C0OTHER"));
        var post = await SlackEmulator.WaitForAsync(() => _slack.CallsOf("chat.postMessage").FirstOrDefault(), "the fallback post");
        Assert.Equal("C0OTHER", post.Str("channel"));
        Assert.Equal(SlackEmulator.BotToken, post.Token);
        Assert.Contains("late answer", post.Body.GetProperty("blocks").GetRawText());
    }

    [Fact]
    public async Task AppMention_StartsAThreadOnTheMentionWithoutTheMention()
    {
        await _slack.SendAsync(SlackEnvelopes.EventsApi(SlackEnvelopes.AppMention("<@U0BOT> budget payment", ts: "1700000003.000400"), "Ev0MENTION"));
        var post = await SlackEmulator.WaitForAsync(() => _slack.CallsOf("chat.postMessage").FirstOrDefault(), "the answer");
        var message = Assert.IsType<ThreadMessage>(Assert.Single(_sink.Events));
        Assert.Equal("budget payment", message.Text);
        Assert.Equal("1700000003.000400", post.Str("thread_ts"));
    }

    [Fact]
    public async Task Tokens_NeverAppearInTheLogs()
    {
        var url = _slack.NewResponseUrl(out _);
        await _slack.SendAsync(SlackEnvelopes.SlashCommand("status", url));
        await SlackEmulator.WaitUntilAsync(() => _slack.CallsOf("response_url").Count == 1, "the answer");
        _slack.OpenSockets.Single().Kill();
        await _slack.WaitForSocketAsync(openedAtLeast: 2);
        Assert.NotEmpty(_host.Logs.Entries);
        Assert.DoesNotContain(SlackEmulator.AppToken, _host.Logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain(SlackEmulator.BotToken, _host.Logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain("ticket=", _host.Logs.All, StringComparison.Ordinal);
    }
}
