using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using SloBot.Chat.Conversations;
using SloBot.Discord.Tests.Emulator;
using Xunit;
using SloBot.Chat.Retrospectives;
using SloBot.Chat.Reviews;

namespace SloBot.Discord.Tests.Conversations;

/// <summary>A full retrospective and a full weekly review through the Discord emulator: slash command, thread messages, a button.</summary>
public sealed class RetrospectiveThroughDiscordTests
{
    private static int _messages;

    [Fact]
    public async Task FullRetrospective_InAThread_EndsInThePublishedDocument()
    {
        await using var harness = await DiscordHarness.StartAsync(services: s => s.AddSloBotConversations(new ConfigurationBuilder().Build()).AddRetrospectives().AddReviews());
        await harness.LiveAsync();

        var command = await harness.Emulator.InteractAsync(2, Group("retro", "start", ("incident", "INC-2041"), ("services", "payment"), ("window", "2026-11-20T14:00Z/2026-11-20T16:15Z")));
        await harness.UntilAsync(() => Texts(harness.Emulator.ResponsesTo(command)).Contains("Started the INC-2041 retrospective", StringComparison.Ordinal), "the answer to the command");
        var thread = harness.Emulator.Requests.Single(r => r.Method == "POST" && r.Path.EndsWith("/threads", StringComparison.Ordinal)).Path.Split('/')[^2];
        await harness.UntilAsync(() => InThread(harness, thread).Any(t => t.Contains("SLO impact", StringComparison.Ordinal)), "the first question in the thread");
        Assert.Contains($"in a thread: https://discord.com/channels/{DiscordEmulator.GuildId}/{thread}", Texts(harness.Emulator.ResponsesTo(command)), StringComparison.Ordinal); // a jump link

        foreach (var answer in new[] { "ok", "14:18 PagerDuty alert fired", "next", "Connection pool exhaustion", "next", "skip", "skip", "next", "next", "@alice add pool alerting by friday", "next", "skip", "skip" })
            await SayAsync(harness, thread, answer);
        Assert.Contains(InThread(harness, thread), t => t.Contains("Timeline entry 14:18 — PagerDuty alert fired ✔", StringComparison.Ordinal));

        var last = harness.Emulator.Requests.Last(r => r.Method == "POST" && r.Path == $"/api/v10/channels/{thread}/messages");
        var publish = CustomId(last.Body!, "Publish");
        var click = await harness.Emulator.InteractAsync(3, new JsonObject { ["custom_id"] = publish, ["component_type"] = 2 }, channelId: thread);
        await harness.UntilAsync(() => Texts(harness.Emulator.ResponsesTo(click)).Contains("Incident Retrospective: INC-2041", StringComparison.Ordinal), "the published document");
        Assert.Contains("Connection pool exhaustion", Texts(harness.Emulator.ResponsesTo(click)), StringComparison.Ordinal);

        var again = await harness.Emulator.InteractAsync(3, new JsonObject { ["custom_id"] = publish, ["component_type"] = 2 }, channelId: thread);
        await harness.UntilAsync(() => Texts(harness.Emulator.ResponsesTo(again)).Contains("already done", StringComparison.Ordinal), "the stale-button answer");
    }

    [Fact]
    public async Task FullWeeklyReview_InAThread_EndsInThePublishedReview()
    {
        await using var harness = await DiscordHarness.StartAsync(services: s => s.AddSloBotConversations(new ConfigurationBuilder().Build()).AddRetrospectives().AddReviews());
        await harness.LiveAsync();

        await harness.Emulator.InteractAsync(2, Group("review", "start"));
        await harness.UntilAsync(() => harness.Emulator.Requests.Any(r => r.Path.EndsWith("/threads", StringComparison.Ordinal)), "the thread");
        var thread = harness.Emulator.Requests.Single(r => r.Method == "POST" && r.Path.EndsWith("/threads", StringComparison.Ordinal)).Path.Split('/')[^2];
        await harness.UntilAsync(() => InThread(harness, thread).Any(t => t.Contains("SLO status overview", StringComparison.Ordinal)), "the first agenda item");

        foreach (var answer in new[] { "Payment is fine", "skip", "skip", "skip", "skip", "next", "@bob check the burn by friday", "next", "publish" })
            await SayAsync(harness, thread, answer);

        Assert.Contains(InThread(harness, thread), t => t.Contains("Weekly SLO Review - 2026-11-23", StringComparison.Ordinal) && t.Contains("Payment is fine", StringComparison.Ordinal));
    }

    private static async Task SayAsync(DiscordHarness harness, string thread, string text)
    {
        var before = InThread(harness, thread).Count;
        var id = (1_800_000_000_000_000_000L + Interlocked.Increment(ref _messages)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await harness.Emulator.Gateway.DispatchAsync("MESSAGE_CREATE", new JsonObject
        {
            ["id"] = id,
            ["type"] = 0,
            ["channel_id"] = thread,
            ["guild_id"] = DiscordEmulator.GuildId,
            ["author"] = new JsonObject { ["id"] = "1500000000000000009", ["username"] = "grace", ["global_name"] = "Grace", ["discriminator"] = "0" },
            ["member"] = new JsonObject { ["roles"] = new JsonArray(), ["nick"] = null },
            ["content"] = text,
            ["timestamp"] = "2026-11-23T12:00:00.000000+00:00",
            ["mentions"] = new JsonArray(),
            ["attachments"] = new JsonArray(),
            ["embeds"] = new JsonArray(),
            ["channel_type"] = 11,
        });
        await harness.UntilAsync(() => InThread(harness, thread).Count > before, $"the answer to '{text}'");
    }

    private static List<string> InThread(DiscordHarness harness, string thread) => harness.Emulator.Requests
        .Where(r => r.Method == "POST" && r.Path == $"/api/v10/channels/{thread}/messages" && r.Body is not null)
        .Select(r => Text(r.Body))
        .ToList();

    private static string Texts(IEnumerable<RecordedRequest> requests) => string.Join("\n", requests.Select(r => Text(r.Body)));

    /// <summary>Every string in a Discord payload, joined: what a person would read.</summary>
    private static string Text(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonObject o => string.Join("\n", o.Select(p => Text(p.Value))),
        JsonArray a => string.Join("\n", a.Select(Text)),
        _ => "",
    };

    private static string CustomId(JsonNode message, string label)
    {
        foreach (var row in message["components"]?.AsArray() ?? [])
        {
            foreach (var c in row?["components"]?.AsArray() ?? [])
            {
                if (c?["label"]?.GetValue<string>() == label)
                    return c["custom_id"]!.GetValue<string>();
            }
        }

        throw new InvalidOperationException($"no '{label}' button in {message.ToJsonString()}");
    }

    private static JsonObject Group(string group, string sub, params (string Name, string Value)[] options) => new()
    {
        ["id"] = "1600000000000000001",
        ["name"] = "slo",
        ["type"] = 1,
        ["guild_id"] = DiscordEmulator.GuildId,
        ["options"] = new JsonArray(new JsonObject
        {
            ["name"] = group,
            ["type"] = 2,
            ["options"] = new JsonArray(new JsonObject
            {
                ["name"] = sub,
                ["type"] = 1,
                ["options"] = new JsonArray(options.Select(o => (JsonNode)new JsonObject { ["name"] = o.Name, ["type"] = 3, ["value"] = o.Value }).ToArray()),
            }),
        }),
    };
}
