using System.Text.Json.Nodes;
using SloBot.Discord.Tests.Emulator;
using Xunit;

namespace SloBot.Discord.Tests.Gateway;

/// <summary>
/// Issue 13 item 12 on Discord: <c>@SloBot budget payment</c> in a channel is answered in a thread started on that
/// message; in someone else's thread it is answered in place; chatter without a mention gets nothing. Only a leading
/// mention of SloBot is dropped.
/// </summary>
public sealed class MentionTests
{
    private const string Ada = "1500000000000000009";

    [Fact]
    public async Task MentionInAChannel_AnswersInAThreadStartedOnTheMessage()
    {
        await using var harness = await DiscordHarness.StartAsync();
        await harness.LiveAsync();
        var bot = harness.Emulator.BotUserId;
        const string id = "1700000000000000101";

        await harness.Emulator.Gateway.DispatchAsync("MESSAGE_CREATE", Message("1700000000000000100", "what is our budget?", DiscordEmulator.ChannelId));
        await harness.Emulator.Gateway.DispatchAsync("MESSAGE_CREATE", Message(id, $"<@{bot}> budget payment", DiscordEmulator.ChannelId, mentions: bot));

        await harness.UntilAsync(() => harness.Emulator.Requests.Any(r => r.Method == "POST" && r.Path == $"/api/v10/channels/{id}/messages"), "the answer in the new thread");
        var requests = harness.Emulator.Requests.Where(r => r.Method == "POST").ToArray();
        var thread = Assert.Single(requests, r => r.Path.EndsWith("/threads", StringComparison.Ordinal));
        Assert.Equal($"/api/v10/channels/{DiscordEmulator.ChannelId}/messages/{id}/threads", thread.Path);
        Assert.Equal("Error budget · payment", thread.Body?["name"]?.GetValue<string>());
        var answer = Assert.Single(requests, r => r.Path == $"/api/v10/channels/{id}/messages");
        Assert.Contains("availability", answer.Body?.ToJsonString(), StringComparison.Ordinal);
        // The chatter above got nothing: one thread, one answer, nothing posted in the channel itself.
        Assert.DoesNotContain(requests, r => r.Path == $"/api/v10/channels/{DiscordEmulator.ChannelId}/messages");
    }

    [Fact]
    public async Task MentionInSomeoneElsesThread_AnswersThere()
    {
        await using var harness = await DiscordHarness.StartAsync();
        await harness.LiveAsync();
        var bot = harness.Emulator.BotUserId;
        const string theirThread = "1600000000000000077";

        await harness.Emulator.Gateway.DispatchAsync("MESSAGE_CREATE", Message("1700000000000000201", $"<@!{bot}> help", theirThread, mentions: bot, channelType: 11));

        await harness.UntilAsync(() => harness.Emulator.Requests.Any(r => r.Method == "POST" && r.Path == $"/api/v10/channels/{theirThread}/messages"), "the answer in their thread");
        Assert.DoesNotContain(harness.Emulator.Requests, r => r.Path.EndsWith("/threads", StringComparison.Ordinal));
        var answer = harness.Emulator.Requests.Single(r => r.Path == $"/api/v10/channels/{theirThread}/messages");
        Assert.Contains("/slo budget", answer.Body?.ToJsonString(), StringComparison.Ordinal); // the help lists the commands
    }

    private static JsonObject Message(string id, string content, string channel, string? mentions = null, int channelType = 0) => new()
    {
        ["id"] = id,
        ["type"] = 0,
        ["channel_id"] = channel,
        ["guild_id"] = DiscordEmulator.GuildId,
        ["author"] = new JsonObject { ["id"] = Ada, ["username"] = "ada", ["global_name"] = "Ada", ["discriminator"] = "0" },
        ["member"] = new JsonObject { ["roles"] = new JsonArray(), ["nick"] = null },
        ["content"] = content,
        ["timestamp"] = "2026-11-23T12:00:00.000000+00:00",
        ["mentions"] = mentions is null ? new JsonArray() : new JsonArray(new JsonObject { ["id"] = mentions, ["username"] = "SloBot", ["bot"] = true }),
        ["attachments"] = new JsonArray(),
        ["embeds"] = new JsonArray(),
        ["channel_type"] = channelType,
    };
}
