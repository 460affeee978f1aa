using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SloBot.Chat.Delivery;
using SloBot.Chat.Events;
using SloBot.Chat.Replies;
using SloBot.Discord.Delivery;
using SloBot.Discord.Rendering;
using SloBot.Discord.Tests.Emulator;

namespace SloBot.Discord.Tests.Rendering;

/// <summary>What users see, as golden files (set UPDATE_GOLDEN=1 to rewrite them after a deliberate change), plus Discord's limits.</summary>
public sealed class EmbedRendererTests
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static TheoryData<string> Samples => new(GoldenReplies.All.Keys);

    [Theory]
    [MemberData(nameof(Samples))]
    public void Render_MatchesGoldenFile(string name)
    {
        var messages = new EmbedRenderer(new ButtonIds()).Render(GoldenReplies.All[name]);
        var actual = JsonSerializer.Serialize(
            new JsonArray(messages.Select(m => (JsonNode)new JsonObject { ["payload"] = m.Payload.DeepClone(), ["files"] = new JsonArray(m.Files.Select(f => (JsonNode)f.FileName).ToArray()) }).ToArray()),
            Indented) + "\n";
        var path = Path.Combine(GoldenDirectory(), name + ".golden.json");
        if (Environment.GetEnvironmentVariable("SLOBOT_UPDATE_GOLDEN") == "1")
            File.WriteAllText(path, actual);
        Assert.True(File.Exists(path), $"missing golden file {path}; run with SLOBOT_UPDATE_GOLDEN=1 and review it");
        Assert.Equal(File.ReadAllText(path), actual);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Render_StaysWithinDiscordsLimits(string name)
    {
        foreach (var message in new EmbedRenderer(new ButtonIds()).Render(GoldenReplies.All[name]))
        {
            var p = message.Payload;
            Assert.True((p["content"]?.GetValue<string>().Length ?? 0) <= 2000);
            var embeds = p["embeds"] as JsonArray ?? [];
            Assert.InRange(embeds.Count, 0, 10);
            var total = 0;
            foreach (var embed in embeds)
            {
                var title = embed!["title"]?.GetValue<string>() ?? "";
                var description = embed["description"]?.GetValue<string>() ?? "";
                var fields = embed["fields"] as JsonArray ?? [];
                var footer = embed["footer"]?["text"]?.GetValue<string>() ?? "";
                Assert.True(title.Length <= 256 && description.Length <= 4096 && fields.Count <= 25 && footer.Length <= 2048);
                Assert.All(fields, f => Assert.True(f!["name"]!.GetValue<string>().Length is > 0 and <= 256 && f["value"]!.GetValue<string>().Length is > 0 and <= 1024));
                total += title.Length + description.Length + footer.Length + fields.Sum(f => f!["name"]!.GetValue<string>().Length + f["value"]!.GetValue<string>().Length);
            }

            Assert.True(total <= 6000, $"{total} characters in one message");
            var rows = p["components"] as JsonArray ?? [];
            Assert.InRange(rows.Count, 0, 5);
            Assert.All(rows, r => Assert.All(r!["components"]!.AsArray(), b => Assert.InRange(b!["custom_id"]!.GetValue<string>().Length, 1, 100)));
        }
    }

    [Fact]
    public void LongText_IsSplitAcrossMessages_WithNothingLost()
    {
        var words = Enumerable.Range(1, 2500).Select(i => $"word{i}").ToArray();
        var messages = new EmbedRenderer(new ButtonIds()).Render(Reply.Text(string.Join(' ', words)));

        Assert.True(messages.Count > 1);
        var rejoined = string.Join(' ', messages.Select(m => m.Payload["content"]!.GetValue<string>()));
        Assert.Equal(words, rejoined.Split(' '));
    }

    [Fact]
    public void ButtonIds_RoundTrip_IncludingValuesTooLongForACustomId()
    {
        var ids = new ButtonIds();
        var longValue = new string('x', 150);

        Assert.Equal(("budget.refresh", "payment"), ids.Decode(ids.Encode("budget.refresh", "payment")));
        Assert.Equal(("release.approve", (string?)null), ids.Decode(ids.Encode("release.approve", null)));
        var hashed = ids.Encode("retro.answer", longValue);
        Assert.InRange(hashed.Length, 1, 100);
        Assert.Equal(("retro.answer", longValue), ids.Decode(hashed));
        Assert.Null(new ButtonIds().Decode(hashed)); // not in another instance's memory: unknown, not misread (ResolveAsync asks the store: LongButtonValueTests)
    }

    [Fact]
    public async Task ChartReply_IsUploadedAsMultipart_AndShownInTheEmbed()
    {
        await using var harness = await DiscordHarness.StartAsync(run: false);
        var transport = harness.Services.GetRequiredService<DiscordTransport>();

        await transport.PostAsync(new ConversationKey("discord", DiscordEmulator.ChannelId), GoldenReplies.All["chart"], DeliveryIntent.Of("chart"), CancellationToken.None);

        var post = Assert.Single(harness.Emulator.Requests, r => r.Method == "POST");
        Assert.Equal(["burn.png"], post.FileNames);
        Assert.Equal("attachment://burn.png", post.Body!["embeds"]![0]!["image"]!["url"]!.GetValue<string>());
        Assert.Equal("burn.png", post.Body["attachments"]![0]!["filename"]!.GetValue<string>());
        Assert.True(post.Body["enforce_nonce"]!.GetValue<bool>());
    }

    private static string GoldenDirectory([CallerFilePath] string source = "") => Path.Combine(Path.GetDirectoryName(source)!, "testdata");
}
