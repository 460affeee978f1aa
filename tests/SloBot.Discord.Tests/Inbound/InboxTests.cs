using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using SloBot.Chat.Delivery;
using SloBot.Chat.Events;
using SloBot.Discord.Tests.Emulator;
using SloBot.Storage;
using SloBot.Testing;

namespace SloBot.Discord.Tests.Inbound;

/// <summary>
/// Issue 16 (Discord): an interaction is recorded in the inbox, with its token, before its deferral is sent, so work a
/// process accepted outlives it. Two "processes" (harnesses with their own inbox and outbox) share one SQLite file and
/// one emulator; the first one's death is its store refusing everything from a moment on (no renewal, no completion,
/// as SIGKILL leaves it) while its work hangs after the deferral. The second runs its inbox recovery.
/// </summary>
public sealed class InboxTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("slobot-dinbox-").FullName;

    [Fact]
    public async Task DeferredInteractionWhoseProcessDied_IsAnsweredOnce_ByTheOtherProcess_EditingTheOriginal()
    {
        await using var discord = await DiscordEmulator.StartAsync(new FakeTimeProvider(Start));
        var (interaction, dying, hung) = await DeferredThenDeadAsync(discord);
        try
        {
            var key = "discord:int:" + interaction["id"]!.GetValue<string>();
            await using var b = await DiscordHarness.StartAsync(discord, new FakeTimeProvider(Start + new OutboxOptions().InboxLeaseDuration + TimeSpan.FromSeconds(1)), services: Storage, run: false);
            Assert.Equal(1, await b.Services.GetRequiredService<InboxReplay>().RecoverAsync(CancellationToken.None));
            Assert.Equal(0, await b.Services.GetRequiredService<InboxReplay>().RecoverAsync(CancellationToken.None));

            var responses = discord.ResponsesTo(interaction);
            Assert.Equal(["POST", "PATCH"], responses.Select(r => r.Method)); // a's deferral, b's edit of the original
            Assert.Equal(5, responses[0].Body!["type"]!.GetValue<int>());
            Assert.EndsWith("/messages/@original", responses[1].Path, StringComparison.Ordinal);
            Assert.Equal("Error budget · payment", responses[1].Body!["embeds"]![0]!["title"]!.GetValue<string>());
            var done = await b.Services.GetRequiredService<IInboxStore>().FindAsync(key, CancellationToken.None);
            Assert.Equal((InboxState.Done, ""), (done!.State, done.Message.Payload));
            var token = interaction["token"]!.GetValue<string>();
            Assert.DoesNotContain(b.Logs.GetSnapshot(), r => r.Message.Contains(token, StringComparison.Ordinal));
        }
        finally
        {
            hung.SetResult();
            await dying.DisposeAsync();
        }
    }

    [Fact]
    public async Task RecoveredInteractionOlderThanItsToken_IsNotRun_AndRecordedAsFailed()
    {
        await using var discord = await DiscordEmulator.StartAsync(new FakeTimeProvider(Start));
        var (interaction, dying, hung) = await DeferredThenDeadAsync(discord);
        try
        {
            var key = "discord:int:" + interaction["id"]!.GetValue<string>();
            await using var b = await DiscordHarness.StartAsync(discord, new FakeTimeProvider(Start + TimeSpan.FromMinutes(15)), services: Storage, run: false);
            Assert.Equal(0, await b.Services.GetRequiredService<InboxReplay>().RecoverAsync(CancellationToken.None));

            Assert.Equal(["POST"], discord.ResponsesTo(interaction).Select(r => r.Method)); // the deferral only: the token is too old to edit it
            var failed = await b.Services.GetRequiredService<IInboxStore>().FindAsync(key, CancellationToken.None);
            Assert.Equal((InboxState.Failed, ""), (failed!.State, failed.Message.Payload));
            var log = Assert.Single(b.Logs.GetSnapshot(), r => r.Id.Id == 115);
            Assert.Contains(key, log.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(interaction["token"]!.GetValue<string>(), log.Message, StringComparison.Ordinal);
        }
        finally
        {
            hung.SetResult();
            await dying.DisposeAsync();
        }
    }

    [Fact]
    public async Task Interaction_IsRecordedBeforeItsDeferral_AndDoneWithAnEmptyPayload()
    {
        await using var discord = await DiscordEmulator.StartAsync(new FakeTimeProvider(Start));
        var gated = new ControlledInboxStore { RecordGate = new TaskCompletionSource() };
        await using var host = await DiscordHarness.StartAsync(discord, new FakeTimeProvider(Start), services: s => Storage(s, gated));
        await host.LiveAsync();

        var interaction = await discord.InteractAsync(2, DiscordHarness.SlashCommand("budget", ("service", "payment")));
        await gated.RecordEntered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        for (var i = 0; i < 10; i++)
        {
            host.Clock.Advance(TimeSpan.FromMilliseconds(50)); // well past DeferAfter: still no deferral while the record is held
            await Task.Delay(20);
        }

        Assert.Empty(discord.ResponsesTo(interaction));
        gated.RecordGate.SetResult();
        await host.UntilAsync(() => discord.ResponsesTo(interaction).Any(r => r.Method == "PATCH"), "the deferral and the answer once recorded", TimeSpan.FromMilliseconds(10));
        var key = "discord:int:" + interaction["id"]!.GetValue<string>();
        await host.UntilAsync(() => Entry(host, key)?.State == InboxState.Done, "the entry to be done");
        Assert.Equal("", Entry(host, key)!.Message.Payload);
    }

    [Fact]
    public async Task HttpMode_InteractionDeferredInTheHttpAnswer_WhoseProcessDied_IsAnsweredOnceByTheOther()
    {
        await using var discord = await DiscordEmulator.StartAsync();
        discord.InteractionsOverHttp = true;
        var dying = new ControlledInboxStore();
        var hung = new TaskCompletionSource();
        var a = await Http.InteractionsHost.StartAsync(discord, s =>
        {
            Storage(s, dying);
            s.AddSingleton<IChatEventSink>(new HangingSink(hung.Task));
        });
        try
        {
            using var http = new HttpClient { BaseAddress = a.Url };
            var interaction = discord.Interaction(2, DiscordHarness.SlashCommand("budget", ("service", "payment")));
            var body = interaction.ToJsonString();
            var now = Http.InteractionsHost.Now();
            using var deferral = await Http.InteractionsHost.PostAsync(http, body, now, Http.InteractionsHost.Sign(now, body));
            Assert.Equal(System.Net.HttpStatusCode.OK, deferral.StatusCode);
            Assert.Equal(5, System.Text.Json.Nodes.JsonNode.Parse(await deferral.Content.ReadAsStringAsync())!["type"]!.GetValue<int>());
            var key = "discord:int:" + interaction["id"]!.GetValue<string>();
            var store = a.App.Services.GetRequiredService<IInboxStore>();
            Assert.Equal(InboxState.Pending, (await store.FindAsync(key, CancellationToken.None))!.State); // recorded before the 200
            dying.Die();

            await using var b = await DiscordHarness.StartAsync(discord, new FakeTimeProvider(TimeProvider.System.GetUtcNow() + new OutboxOptions().InboxLeaseDuration + TimeSpan.FromSeconds(1)), services: Storage, run: false);
            Assert.Equal(1, await b.Services.GetRequiredService<InboxReplay>().RecoverAsync(CancellationToken.None));
            var edit = Assert.Single(discord.ResponsesTo(interaction));
            Assert.Equal(("PATCH", "Error budget · payment"), (edit.Method, edit.Body!["embeds"]![0]!["title"]!.GetValue<string>()));
            var done = await b.Services.GetRequiredService<IInboxStore>().FindAsync(key, CancellationToken.None);
            Assert.Equal((InboxState.Done, ""), (done!.State, done.Message.Payload));
        }
        finally
        {
            hung.SetResult();
            await a.DisposeAsync();
        }
    }

    /// <summary>Process a: takes a /slo budget, records it, sends the deferral, then hangs in the chat layer and dies.</summary>
    private async Task<(System.Text.Json.Nodes.JsonObject Interaction, DiscordHarness A, TaskCompletionSource Hung)> DeferredThenDeadAsync(DiscordEmulator discord)
    {
        var dying = new ControlledInboxStore();
        var hung = new TaskCompletionSource();
        var a = await DiscordHarness.StartAsync(discord, new FakeTimeProvider(Start), services: s =>
        {
            Storage(s, dying);
            s.AddSingleton<IChatEventSink>(new HangingSink(hung.Task));
        });
        await a.LiveAsync();
        var interaction = await discord.InteractAsync(2, DiscordHarness.SlashCommand("budget", ("service", "payment")));
        await a.UntilAsync(() => discord.ResponsesTo(interaction).Count == 1, "process a's deferral", TimeSpan.FromMilliseconds(10));
        var key = "discord:int:" + interaction["id"]!.GetValue<string>();
        var stored = Entry(a, key)!;
        Assert.Equal(InboxState.Pending, stored.State);
        Assert.Contains("\"payment\"", stored.Message.Payload, StringComparison.Ordinal);
        Assert.Contains(interaction["token"]!.GetValue<string>(), stored.Message.Payload, StringComparison.Ordinal); // the webhook's key: kept until done
        Assert.DoesNotContain(a.Logs.GetSnapshot(), r => r.Message.Contains(interaction["token"]!.GetValue<string>(), StringComparison.Ordinal));
        dying.Die();
        return (interaction, a, hung);
    }

    private static InboxEntry? Entry(DiscordHarness host, string key) =>
        host.Services.GetRequiredService<IInboxStore>().FindAsync(key, CancellationToken.None).GetAwaiter().GetResult();

    private void Storage(IServiceCollection services) => Storage(services, null);

    private void Storage(IServiceCollection services, ControlledInboxStore? control)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SloBot:Storage:ConnectionString"] = $"Data Source={Path.Combine(_dir, "state.db")}",
        }).Build();
        services.AddSloBotStorage(configuration);
        if (control is null)
            return;
        var sql = services.Last(d => d.ServiceType == typeof(IInboxStore)).ImplementationType!;
        services.Replace(ServiceDescriptor.Singleton<IInboxStore>(sp => control.Wrap((IInboxStore)ActivatorUtilities.CreateInstance(sp, sql))));
    }

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

    private sealed class HangingSink(Task hung) : IChatEventSink
    {
        public async Task HandleAsync(ChatEvent chatEvent, IChatResponder responder, CancellationToken cancellationToken) => await hung.WaitAsync(cancellationToken);
    }
}
