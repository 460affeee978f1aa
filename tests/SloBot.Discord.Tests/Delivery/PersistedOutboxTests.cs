using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SloBot.Chat.Delivery;
using SloBot.Chat.Events;
using SloBot.Chat.Replies;
using SloBot.Discord.Delivery;
using SloBot.Discord.Tests.Emulator;
using SloBot.Storage;

namespace SloBot.Discord.Tests.Delivery;

/// <summary>
/// Issue 16 item 1 (Discord): a channel post recorded in the state store outlives its process. The first harness is
/// abandoned mid-retry (its clock never moves again, as after SIGKILL); the second, on the same SQLite file, claims the
/// delivery when the lease runs out and sends it with the same nonce, so Discord keeps the one message.
/// </summary>
public sealed class PersistedOutboxTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("slobot-outbox-").FullName;

    [Fact]
    public async Task CreateThatLandedButWhoseAnswerWasLost_IsDeliveredOnceByTheNextProcess()
    {
        await using var discord = await DiscordEmulator.StartAsync(new FakeTimeProvider(Start));
        discord.LoseAnswers = 1;
        await using var dead = await DiscordHarness.StartAsync(discord, new FakeTimeProvider(Start), services: Storage, run: false);
        _ = dead.Services.GetRequiredService<DiscordTransport>().PostAsync(
            new ConversationKey("discord", DiscordEmulator.ChannelId), Reply.Text("weekly review"), DeliveryIntent.Of("review:1"), CancellationToken.None);
        await SloBot.Testing.Poll.UntilAsync(() => Creates(discord).Length == 1, "the dead process's create");

        await using var next = await DiscordHarness.StartAsync(discord, new FakeTimeProvider(Start + new OutboxOptions().LeaseDuration), services: Storage, run: false);
        Assert.Equal(1, await next.Services.GetRequiredService<Outbox>().RecoverAsync(CancellationToken.None));

        var creates = Creates(discord);
        Assert.Equal([500, 200], creates.Select(r => r.Status));
        Assert.Single(creates.Select(r => r.Body!["nonce"]!.GetValue<string>()).Distinct());
        Assert.Equal(1, discord.CreatedMessages);
        var entry = Assert.Single(await Pending(next));
        Assert.Equal(OutboxState.Delivered, entry.State);
        Assert.False(string.IsNullOrEmpty(entry.Result));
    }

    [Fact]
    public async Task RecordedButNeverSent_IsSentOnceByTheNextProcess()
    {
        await using var discord = await DiscordEmulator.StartAsync(new FakeTimeProvider(Start));
        await using var dead = await DiscordHarness.StartAsync(discord, new FakeTimeProvider(Start), services: Storage, run: false);
        var outbox = dead.Services.GetRequiredService<Outbox>();
        var where = new ConversationKey("discord", DiscordEmulator.ChannelId);
        var payload = DiscordOutboxSender.Payload(DiscordEmulator.ChannelId, new SloBot.Discord.Rendering.DiscordMessage(new System.Text.Json.Nodes.JsonObject { ["content"] = "alert: paging" }, []), "0123456789abcdef012345678");
        await dead.Services.GetRequiredService<IOutboxStore>().RecordAsync(
            new OutboxMessage("discord", $"discord:{where.Channel}", "alert:1", payload), outbox.Owner, Start, Start + new OutboxOptions().LeaseDuration, CancellationToken.None);

        await using var next = await DiscordHarness.StartAsync(discord, new FakeTimeProvider(Start + new OutboxOptions().LeaseDuration), services: Storage, run: false);
        Assert.Equal(1, await next.Services.GetRequiredService<Outbox>().RecoverAsync(CancellationToken.None));
        Assert.Equal(0, await next.Services.GetRequiredService<Outbox>().RecoverAsync(CancellationToken.None));

        var create = Assert.Single(Creates(discord));
        Assert.Equal(("alert: paging", "0123456789abcdef012345678", true), (create.Body!["content"]!.GetValue<string>(), create.Body["nonce"]!.GetValue<string>(), create.Body["enforce_nonce"]!.GetValue<bool>()));
        Assert.Equal(1, discord.CreatedMessages);
    }

    private void Storage(IServiceCollection services)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SloBot:Storage:ConnectionString"] = $"Data Source={Path.Combine(_dir, "state.db")}",
        }).Build();
        services.AddSloBotStorage(configuration);
    }

    private static async Task<OutboxEntry[]> Pending(DiscordHarness harness)
    {
        var store = harness.Services.GetRequiredService<IOutboxStore>();
        var entries = new List<OutboxEntry>();
        foreach (var key in harness.Emulator.Requests.Where(r => r.Body?["nonce"] is not null).Select(r => $"discord:nonce:{DiscordEmulator.ChannelId}:{r.Body!["nonce"]!.GetValue<string>()}").Distinct())
        {
            if (await store.FindAsync(key, CancellationToken.None) is { } entry)
                entries.Add(entry);
        }

        return [.. entries];
    }

    private static RecordedRequest[] Creates(DiscordEmulator discord) =>
        discord.Requests.Where(r => r.Method == "POST" && r.Path.EndsWith("/messages", StringComparison.Ordinal)).ToArray();

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
}
