using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SloBot.Discord.Gateway;
using SloBot.Discord.Tests.Emulator;

namespace SloBot.Discord.Tests.Gateway;

public sealed class GatewayTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Start_IdentifiesWithMinimalIntents_ThenHeartbeatsOnTheInterval()
    {
        await using var harness = await DiscordHarness.StartAsync();
        await harness.LiveAsync();
        var gateway = harness.Emulator.Gateway;

        var identify = Assert.Single(gateway.FramesWithOp(2));
        Assert.Equal(harness.Emulator.BotToken, identify.Data!["token"]!.GetValue<string>());
        Assert.Equal(1 | 512 | 32768, identify.Data["intents"]!.GetValue<int>());
        Assert.Equal("slobot", identify.Data["properties"]!["browser"]!.GetValue<string>());
        Assert.Equal("[0,1]", identify.Data["shard"]!.ToJsonString()); // one process, Discord's recommendation of 1: it leases the only shard
        Assert.Equal("/gateway", identify.Path);
        Assert.Contains(harness.Emulator.Requests, r => r.Path == "/api/v10/gateway/bot" && r.Authorization == "Bot " + harness.Emulator.BotToken && r.UserAgent!.StartsWith("DiscordBot (", StringComparison.Ordinal));

        // The clock moves in 100 ms steps while the test polls, so a beat is seen up to a few steps after it is due.
        await harness.UntilAsync(() => gateway.FramesWithOp(1).Count() >= 3, "three heartbeats", TimeSpan.FromMilliseconds(100));
        var beats = gateway.FramesWithOp(1).ToArray();
        var interval = TimeSpan.FromMilliseconds(41_250);
        var slack = TimeSpan.FromMilliseconds(600);
        Assert.Equal(1, beats[0].Data!.GetValue<long>()); // the READY's sequence number
        Assert.InRange(beats[0].At - identify.At, TimeSpan.Zero, interval + slack); // first beat after interval × jitter
        Assert.InRange(beats[1].At - beats[0].At, interval - slack, interval + slack);
        Assert.InRange(beats[2].At - beats[1].At, interval - slack, interval + slack);
        Assert.Equal(1, gateway.Connections);
    }

    [Fact]
    public async Task KilledSocket_ResumesOnResumeUrl_AndTheInteractionSentMeanwhileIsAnswered()
    {
        await using var harness = await DiscordHarness.StartAsync();
        await harness.LiveAsync();
        var gateway = harness.Emulator.Gateway;
        var session = gateway.SessionId;
        var before = await harness.Emulator.InteractAsync(2, DiscordHarness.SlashCommand("help"));
        await harness.UntilAsync(() => harness.Emulator.ResponsesTo(before).Count == 2, "the first interaction's answer");

        gateway.Kill();
        var missed = await harness.Emulator.InteractAsync(2, DiscordHarness.SlashCommand("budget", ("service", "payment")));

        await harness.UntilAsync(() => gateway.FramesWithOp(6).Any(), "a Resume", Second);
        var resume = gateway.FramesWithOp(6).Single();
        Assert.Equal("/resume", resume.Path);
        Assert.Equal(session, resume.Data!["session_id"]!.GetValue<string>());
        Assert.Equal(2, resume.Data["seq"]!.GetValue<long>()); // READY (1) and the first interaction (2)
        Assert.Single(gateway.FramesWithOp(2)); // no new Identify

        await harness.UntilAsync(() => harness.Emulator.ResponsesTo(missed).Any(r => r.Method == "PATCH"), "the replayed interaction's answer");
        Assert.Equal(2, harness.Emulator.ResponsesTo(before).Count); // answered once, not again on replay
    }

    /// <summary>
    /// The fuzzing crash (issue 13) on the Gateway: a frame that is not valid UTF-8 (binary; a text one is refused by
    /// .NET's WebSocket itself, and the session resumes), not JSON, or with a property name that is not text is ignored
    /// with a log line, on the same connection.
    /// </summary>
    [Fact]
    public async Task FrameThatIsNotValidUtf8OrJson_IsIgnored_AndTheSessionGoesOn()
    {
        await using var harness = await DiscordHarness.StartAsync();
        await harness.LiveAsync();
        var gateway = harness.Emulator.Gateway;
        byte[] invalidUtf8 = [.. "{\"op\":0,\"s\":2,\"t\":\"INTERACTION_CREATE\",\"d\":{\"type\":2,\""u8, 0xC3, 0x28, .. "\":1}}"u8];

        await gateway.SendRawAsync(invalidUtf8, binary: true);
        await gateway.SendRawAsync("""{"op":0,"s":2,"t":"INTERACTION_CREATE","d":{"type":2,"\ud800":1}}"""u8.ToArray());
        await gateway.SendRawAsync("""{"op":0,"""u8.ToArray());
        var after = await harness.Emulator.InteractAsync(2, DiscordHarness.SlashCommand("help"));

        await harness.UntilAsync(() => harness.Emulator.ResponsesTo(after).Count == 2, "the next interaction's answer");
        var ignored = harness.Logs.GetSnapshot().Where(r => r.Message.StartsWith("Ignored a Discord Gateway frame: ", StringComparison.Ordinal)).Select(r => r.Message);
        Assert.Equal(["Ignored a Discord Gateway frame: not valid UTF-8", "Ignored a Discord Gateway frame: a property name is not valid text", "Ignored a Discord Gateway frame: not valid JSON"], ignored);
        Assert.Equal(1, gateway.Connections);

        await gateway.SendRawAsync(invalidUtf8);
        var resumed = await harness.Emulator.InteractAsync(2, DiscordHarness.SlashCommand("help"));
        await harness.UntilAsync(() => harness.Emulator.ResponsesTo(resumed).Count == 2, "the answer after the resume", Second);
        Assert.Equal(2, gateway.Connections);
        Assert.Single(gateway.FramesWithOp(2)); // resumed, not identified anew
    }

    [Fact]
    public async Task Op7Reconnect_Resumes()
    {
        await using var harness = await DiscordHarness.StartAsync();
        await harness.LiveAsync();
        var gateway = harness.Emulator.Gateway;

        await gateway.SendAsync(7, null);

        await harness.UntilAsync(() => gateway.FramesWithOp(6).Any() && gateway.IsLive, "a resumed session", Second);
        Assert.Equal(2, gateway.Connections);
        Assert.Single(gateway.FramesWithOp(2));
    }

    [Fact]
    public async Task Op9Resumable_Resumes()
    {
        await using var harness = await DiscordHarness.StartAsync();
        await harness.LiveAsync();
        var gateway = harness.Emulator.Gateway;

        await gateway.SendAsync(9, true);

        await harness.UntilAsync(() => gateway.FramesWithOp(6).Any() && gateway.IsLive, "a resumed session", Second);
        Assert.Single(gateway.FramesWithOp(2));
    }

    [Fact]
    public async Task Op9NotResumable_WaitsThenIdentifiesANewSession()
    {
        await using var harness = await DiscordHarness.StartAsync();
        await harness.LiveAsync();
        var gateway = harness.Emulator.Gateway;
        var firstSession = gateway.SessionId;

        await gateway.SendAsync(9, false);
        var invalidatedAt = harness.Clock.GetUtcNow();

        await harness.UntilAsync(() => gateway.FramesWithOp(2).Count() == 2 && gateway.IsLive, "a second Identify", TimeSpan.FromMilliseconds(250));
        var identify = gateway.FramesWithOp(2).Last();
        Assert.Equal("/gateway", identify.Path);
        Assert.True(identify.At - invalidatedAt >= Second, "waits at least a second after op 9");
        Assert.Empty(gateway.FramesWithOp(6));
        Assert.NotEqual(firstSession, gateway.SessionId);
    }

    [Fact]
    public async Task MissedHeartbeatAck_IsAZombie_ReconnectsAndResumes()
    {
        await using var harness = await DiscordHarness.StartAsync();
        await harness.LiveAsync();
        var gateway = harness.Emulator.Gateway;
        gateway.AckHeartbeats = false;

        await harness.UntilAsync(() => gateway.FramesWithOp(6).Any() && gateway.IsLive, "a resumed session", Second);

        var beatsOnFirst = gateway.FramesWithOp(1).Where(f => f.Connection == 1).ToArray();
        Assert.Single(beatsOnFirst); // one unanswered heartbeat, then the next was due: zombie
        Assert.True(harness.Logs.GetSnapshot().Any(r => r.Id.Id == 4505), "logs the zombie connection");
    }

    [Theory]
    [InlineData(4004, "SloBot:Discord:BotToken")]
    [InlineData(4014, "MESSAGE CONTENT INTENT")]
    [InlineData(4013, "Invalid intents")]
    public async Task FatalCloseCode_StopsTheTransport_WithALogLineSayingWhatToFix(int code, string advice)
    {
        await using var harness = await DiscordHarness.StartAsync();
        harness.Emulator.Gateway.CloseOnIdentify = code;
        await harness.UntilAsync(() => harness.Shards.StoppedBecause is not null, "the transport to stop", Second);

        var critical = harness.Logs.GetSnapshot().Single(r => r.Level == LogLevel.Critical);
        Assert.Contains(advice, critical.Message, StringComparison.Ordinal);
        Assert.Contains($"{code}", critical.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(harness.Emulator.BotToken, string.Join("\n", harness.Logs.GetSnapshot().Select(r => r.Message)), StringComparison.Ordinal);
        // The event: the Discord service's work is over (the Gateway loop returned), so nothing is left that could reconnect.
        var service = harness.Services.GetServices<IHostedService>().OfType<DiscordHostedService>().Single();
        await harness.UntilAsync(() => service.ExecuteTask is { IsCompleted: true }, "the Gateway loop to end");
        harness.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(1, harness.Emulator.Gateway.Connections);
    }

    [Theory]
    [InlineData(4000, 6)]
    [InlineData(1006, 6)]
    [InlineData(4009, 2)]
    public async Task CloseCode_ResumesOrIdentifies(int code, int expectedOp)
    {
        await using var harness = await DiscordHarness.StartAsync();
        await harness.LiveAsync();
        var gateway = harness.Emulator.Gateway;

        if (code == 1006)
            gateway.Kill();
        else
            await gateway.CloseAsync(code);

        await harness.UntilAsync(() => gateway.Connections == 2 && gateway.IsLive, "a new session or resume", TimeSpan.FromMilliseconds(250));
        var second = gateway.Frames.First(f => f.Connection == 2 && f.Op is 2 or 6);
        Assert.Equal(expectedOp, second.Op);
    }

    [Fact]
    public async Task SessionStartLimitUsedUp_WaitsForTheResetBeforeIdentifying()
    {
        var clock = new SloBot.Testing.RecordingTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        await using var emulator = await DiscordEmulator.StartAsync(clock);
        emulator.Gateway.SessionStartRemaining = 0;
        await using var harness = await DiscordHarness.StartAsync(emulator, clock);

        // The event: the client waits on the clock for the limit's reset (reset_after, 4 h); until it passes, it cannot identify.
        await harness.UntilAsync(() => clock.TimersOf(TimeSpan.FromHours(4), createdIn: "BeforeIdentifyAsync") == 1, "the wait for the reset");
        harness.Clock.Advance(TimeSpan.FromHours(3.9));
        Assert.Equal(0, emulator.Gateway.Connections);

        emulator.Gateway.SessionStartRemaining = 1000;
        await harness.UntilAsync(() => emulator.Gateway.IsLive, "the identify after the reset", TimeSpan.FromMinutes(1));
        Assert.True(emulator.Gateway.FramesWithOp(2).Single().At >= new DateTimeOffset(2026, 11, 23, 16, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task MessageInTheBotsThread_ReachesTheChatLayerAsThreadMessage()
    {
        var seen = new TaskCompletionSource<Chat.Events.ThreadMessage>();
        await using var harness = await DiscordHarness.StartAsync(services: s => s.AddSingleton<Chat.Commands.IThreadMessageHandler>(new Recorder(seen)));
        await harness.LiveAsync();
        var transport = harness.Services.GetRequiredService<SloBot.Discord.Delivery.DiscordTransport>();
        var thread = await transport.StartThreadAsync(new Chat.Events.ConversationKey("discord", DiscordEmulator.ChannelId), Chat.Replies.Reply.Text("Retro for the outage"), "Retro: payment outage", Chat.Delivery.DeliveryIntent.Of("retro"), CancellationToken.None);

        await harness.Emulator.Gateway.DispatchAsync("MESSAGE_CREATE", Message("1700000000000000001", "elsewhere", channel: DiscordEmulator.ChannelId));
        await harness.Emulator.Gateway.DispatchAsync("MESSAGE_CREATE", Message("1700000000000000002", "the root cause was a config push", channel: thread.Thread!));

        var message = await seen.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("the root cause was a config push", message.Text);
        Assert.Equal(new Chat.Events.ConversationKey("discord", DiscordEmulator.ChannelId, thread.Thread), message.Where);
        Assert.Equal("1500000000000000009", message.User.Id);
        await harness.UntilAsync(() => harness.Emulator.Requests.Count(r => r.Path == $"/api/v10/channels/{thread.Thread}/messages") == 1, "the answer in the thread");
    }

    private static JsonObject Message(string id, string content, string channel) => new()
    {
        ["id"] = id,
        ["type"] = 0,
        ["channel_id"] = channel,
        ["guild_id"] = DiscordEmulator.GuildId,
        ["author"] = new JsonObject { ["id"] = "1500000000000000009", ["username"] = "grace", ["global_name"] = "Grace", ["discriminator"] = "0" },
        ["member"] = new JsonObject { ["roles"] = new JsonArray(), ["nick"] = null },
        ["content"] = content,
        ["timestamp"] = "2026-11-23T12:00:00.000000+00:00",
        ["mentions"] = new JsonArray(),
        ["attachments"] = new JsonArray(),
        ["embeds"] = new JsonArray(),
        ["channel_type"] = channel == DiscordEmulator.ChannelId ? 0 : 11,
    };

    private sealed class Recorder(TaskCompletionSource<Chat.Events.ThreadMessage> seen) : Chat.Commands.IThreadMessageHandler
    {
        public Task<Chat.Replies.Reply?> HandleAsync(Chat.Events.ThreadMessage message, CancellationToken cancellationToken)
        {
            seen.TrySetResult(message);
            return Task.FromResult<Chat.Replies.Reply?>(Chat.Replies.Reply.Text("noted"));
        }
    }
}
