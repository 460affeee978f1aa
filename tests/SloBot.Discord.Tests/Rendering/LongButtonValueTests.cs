using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SloBot.Chat.Commands;
using SloBot.Chat.Delivery;
using SloBot.Chat.Events;
using SloBot.Chat.Replies;
using SloBot.Discord.Delivery;
using SloBot.Discord.Rendering;
using SloBot.Discord.Tests.Emulator;
using SloBot.Storage;

namespace SloBot.Discord.Tests.Rendering;

/// <summary>
/// A button whose action and value do not fit Discord's 100-character custom_id gets a hashed id whose pair is saved in
/// the <see cref="IButtonValueStore"/> before the message is sent, so a click after a restart or on another replica
/// (sharing only the store) still resolves to the button's action and value.
/// </summary>
public sealed class LongButtonValueTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly string LongValue = "retro start --incident INC-2041 --services payment,checkout,ledger --window 2026-11-20T14:00Z/2026-11-20T16:15Z --facilitator grace";
    private readonly string _dir = Directory.CreateTempSubdirectory("slobot-buttons-").FullName;

    [Fact]
    public async Task RenderedByOneInstance_IsResolvedByANewOneSharingOnlyTheStore()
    {
        var store = new SharedStore();
        var reply = Reply.Text("Weekly retro reminder") with { Buttons = [new ReplyButton("retro.start", "Start retro: INC-2041", LongValue), new ReplyButton("budget.refresh", "Refresh", "payment")] };

        var messages = await new EmbedRenderer(new ButtonIds(store)).RenderAsync(reply, CancellationToken.None);

        var ids = messages[^1].Payload["components"]![0]!["components"]!.AsArray().Select(c => c!["custom_id"]!.GetValue<string>()).ToArray();
        Assert.StartsWith("~", ids[0], StringComparison.Ordinal);
        Assert.InRange(ids[0].Length, 1, ButtonIds.MaxLength);
        Assert.Equal("budget.refresh|payment", ids[1]);
        Assert.Equal([ids[0]], store.Saved.Keys); // only the long pair, saved before RenderAsync returned
        var restarted = new ButtonIds(store);
        Assert.Null(restarted.Decode(ids[0])); // not in the new instance's memory
        Assert.Equal(("retro.start", LongValue), await restarted.ResolveAsync(ids[0], CancellationToken.None));
        Assert.Equal(("retro.start", LongValue), restarted.Decode(ids[0])); // remembered once looked up
        Assert.Null(await new ButtonIds(store).ResolveAsync("~" + new string('0', 40), CancellationToken.None));

        await new EmbedRenderer(new ButtonIds(store)).RenderAsync(reply, CancellationToken.None); // the same pair again: saved again, harmlessly
        Assert.Equal(2, store.Saves);
    }

    [Fact]
    public async Task LongButton_PostedBeforeARestart_IsClickedAfterIt_AndAnUnknownOneIsToldSo()
    {
        await using var discord = await DiscordEmulator.StartAsync(new FakeTimeProvider(Start));
        var where = new ConversationKey("discord", DiscordEmulator.ChannelId);
        string customId;
        await using (var before = await DiscordHarness.StartAsync(discord, new FakeTimeProvider(Start), services: Storage, run: false))
        {
            var reply = Reply.Text("Monday: time for the INC-2041 retro") with { Buttons = [new ReplyButton("echo:start", "Start retro: INC-2041", LongValue)] };
            await before.Services.GetRequiredService<DiscordTransport>().PostAsync(where, reply, DeliveryIntent.Of("monday:retro"), CancellationToken.None);
            var post = Assert.Single(discord.Requests, r => r.Method == "POST" && r.Path == $"/api/v10/channels/{DiscordEmulator.ChannelId}/messages");
            customId = post.Body!["components"]![0]!["components"]![0]!["custom_id"]!.GetValue<string>();
        }

        Assert.StartsWith("~", customId, StringComparison.Ordinal);
        await using var after = await DiscordHarness.StartAsync(discord, new FakeTimeProvider(Start.AddMinutes(5)), services: Storage);
        await after.LiveAsync();

        var click = await discord.InteractAsync(3, new JsonObject { ["custom_id"] = customId, ["component_type"] = 2 });
        await after.UntilAsync(() => Texts(discord.ResponsesTo(click)).Contains($"echo:start={LongValue}", StringComparison.Ordinal), "the echo of the long button's action and value");

        var unknown = await discord.InteractAsync(3, new JsonObject { ["custom_id"] = "~" + new string('0', 40), ["component_type"] = 2 });
        await after.UntilAsync(() => Texts(discord.ResponsesTo(unknown)).Contains("That button no longer does anything here", StringComparison.Ordinal), "the unknown-button answer");
        Assert.Contains(after.Logs.GetSnapshot(), r => r.Id.Id == 4305);
    }

    private void Storage(IServiceCollection services)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SloBot:Storage:ConnectionString"] = $"Data Source={Path.Combine(_dir, "state.db")}",
        }).Build();
        services.AddSloBotStorage(configuration);
        services.AddSingleton<IButtonHandler, EchoButton>();
    }

    private static string Texts(IEnumerable<RecordedRequest> requests) => string.Join("\n", requests.Select(r => Text(r.Body)));

    /// <summary>Every string in a Discord payload, joined: what a person would read.</summary>
    private static string Text(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonObject o => string.Join("\n", o.Select(p => Text(p.Value))),
        JsonArray a => string.Join("\n", a.Select(Text)),
        _ => "",
    };

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // a file still open on a slow machine: the temp directory is cleaned up later
        }
    }

    /// <summary>Answers a click with its action id and value, as the chat layer got them.</summary>
    private sealed class EchoButton : IButtonHandler
    {
        public string ActionPrefix => "echo";

        public Task<Reply?> HandleAsync(ButtonClick click, CancellationToken cancellationToken) =>
            Task.FromResult<Reply?>(Reply.Text($"{click.ActionId}={click.Value}"));
    }

    /// <summary>The store two instances share (as replicas share the database).</summary>
    private sealed class SharedStore : IButtonValueStore
    {
        private int _saves;

        public ConcurrentDictionary<string, ButtonValue> Saved { get; } = new(StringComparer.Ordinal);

        public int Saves => _saves;

        public Task SaveAsync(string key, string action, string? value, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _saves);
            Saved.TryAdd(key, new ButtonValue(action, value));
            return Task.CompletedTask;
        }

        public Task<ButtonValue?> FindAsync(string key, CancellationToken cancellationToken) => Task.FromResult(Saved.GetValueOrDefault(key));
    }
}
