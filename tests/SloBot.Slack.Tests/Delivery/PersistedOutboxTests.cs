using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SloBot.Chat.Delivery;
using SloBot.Chat.Events;
using SloBot.Chat.Replies;
using SloBot.Slack.Tests.Emulator;
using SloBot.Storage;

namespace SloBot.Slack.Tests.Delivery;

/// <summary>
/// Issue 16 item 1 (Slack): a post recorded in the state store outlives the process that recorded it. The first
/// "process" (its own service provider and outbox) is abandoned mid-delivery, as SIGKILL would leave it; the next one,
/// on the same SQLite file, claims the delivery once the lease has run out and delivers it once.
/// </summary>
public sealed class PersistedOutboxTests : IDisposable
{
    /// <summary>The emulator's message ts count up from 1,700,000,000 s; the search for an earlier post starts shortly before the recording.</summary>
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
    private readonly string _dir = Directory.CreateTempSubdirectory("slobot-outbox-").FullName;
    private readonly List<ServiceProvider> _processes = [];

    [Fact]
    public async Task RecordedPostWhoseProcessDied_IsPostedExactlyOnceByTheNextProcess()
    {
        await using var slack = await SlackEmulator.StartAsync();
        slack.RateLimit("chat.postMessage", count: 1, retryAfterSeconds: 30);
        var dead = Process(slack, new FakeTimeProvider(Start));
        _ = dead.GetRequiredService<IChatTransport>().PostAsync(new ConversationKey("slack", "C0OPS"), Reply.Text("weekly review"), DeliveryIntent.Of("review:1"), CancellationToken.None);
        await SlackEmulator.WaitUntilAsync(() => slack.CallsOf("chat.postMessage").Count == 1, "the dead process's one attempt");

        var next = Process(slack, new FakeTimeProvider(Start + new OutboxOptions().LeaseDuration));
        var delivered = await next.GetRequiredService<Outbox>().RecoverAsync(CancellationToken.None);

        Assert.Equal(1, delivered);
        var posted = Assert.Single(slack.Posted);
        Assert.Equal(("C0OPS", "weekly review"), (posted.Channel, posted.Text));
        Assert.Equal("review:1:0", posted.Metadata?["event_payload"]?["key"]?.GetValue<string>());
        Assert.Single(slack.CallsOf("conversations.history")); // an attempt was recorded, so it looked first
        var entry = await next.GetRequiredService<IOutboxStore>().FindAsync("review:1:0", CancellationToken.None);
        Assert.Equal((OutboxState.Delivered, posted.Ts), (entry!.State, entry.Result));
        Assert.Equal(0, await next.GetRequiredService<Outbox>().RecoverAsync(CancellationToken.None));
    }

    [Fact]
    public async Task PostThatReachedSlackButWhoseAnswerWasLost_IsNotPostedAgainAfterRestart()
    {
        await using var slack = await SlackEmulator.StartAsync();
        slack.LosePostAnswers = 1;
        var thread = new ConversationKey("slack", "C0OPS", "1700000000.000100");
        var dead = Process(slack, new FakeTimeProvider(Start));
        _ = dead.GetRequiredService<IChatTransport>().PostAsync(thread, Reply.Text("step 2 of the retro"), DeliveryIntent.Of("retro:7:2"), CancellationToken.None);
        await SlackEmulator.WaitUntilAsync(() => slack.Posted.Count == 1, "the post that reached Slack");

        var next = Process(slack, new FakeTimeProvider(Start + new OutboxOptions().LeaseDuration));
        Assert.Equal(1, await next.GetRequiredService<Outbox>().RecoverAsync(CancellationToken.None));

        var posted = Assert.Single(slack.Posted);
        Assert.Single(slack.CallsOf("chat.postMessage"));
        var search = Assert.Single(slack.CallsOf("conversations.replies"));
        Assert.Equal(("C0OPS", "1700000000.000100", "true"), (search.Str("channel"), search.Str("ts"), search.Str("include_all_metadata")));
        var entry = await next.GetRequiredService<IOutboxStore>().FindAsync("retro:7:2:0", CancellationToken.None);
        Assert.Equal((OutboxState.Delivered, posted.Ts), (entry!.State, entry.Result));
    }

    [Fact]
    public async Task LiveProcess_RecordsThePostAndMarksItDelivered()
    {
        await using var slack = await SlackEmulator.StartAsync();
        var process = Process(slack, new FakeTimeProvider(Start));

        var posted = await process.GetRequiredService<IChatTransport>().PostAsync(new ConversationKey("slack", "C0OPS"), Reply.Text("hello"), DeliveryIntent.Of("hello"), CancellationToken.None);

        var entry = await process.GetRequiredService<IOutboxStore>().FindAsync("hello:0", CancellationToken.None);
        Assert.Equal((OutboxState.Delivered, posted.MessageId, 1), (entry!.State, entry.Result, entry.Attempts));
        Assert.Contains("\"method\":\"chat.postMessage\"", entry.Message.Payload);
        Assert.Empty(slack.CallsOf("conversations.history")); // nothing to look for on a first attempt
    }

    [Fact]
    public async Task ResponseUrlAnswer_NeverAttempted_IsPostedThroughTheWebApi_ButOneThatMayHaveBeenShownIsRecordedAsFailed()
    {
        await using var slack = await SlackEmulator.StartAsync();
        var dead = Process(slack, new FakeTimeProvider(Start));
        var store = dead.GetRequiredService<IOutboxStore>();
        var owner = dead.GetRequiredService<Outbox>().Owner;
        foreach (var (key, attempted) in new[] { ("Ev1#1:0", false), ("Ev2#1:0", true) })
        {
            var call = new System.Text.Json.Nodes.JsonObject { ["channel"] = "C0OPS", ["text"] = key, ["metadata"] = Slack.Delivery.DeliveryMetadata.For(key) };
            await store.RecordAsync(new OutboxMessage("slack", "slack:C0OPS", key, Slack.Delivery.SlackOutboxSender.Payload("chat.postMessage", call, traceless: true)), owner, Start, Start.AddMinutes(1), CancellationToken.None);
            if (attempted)
                await store.BeginAttemptAsync(key, owner, Start, Start.AddMinutes(1), CancellationToken.None); // sent to the response_url when the process died
        }

        var next = Process(slack, new FakeTimeProvider(Start + new OutboxOptions().LeaseDuration));
        Assert.Equal(1, await next.GetRequiredService<Outbox>().RecoverAsync(CancellationToken.None));

        Assert.Equal(["Ev1#1:0"], slack.Posted.Select(p => p.Text));
        Assert.Equal(OutboxState.Delivered, (await store.FindAsync("Ev1#1:0", CancellationToken.None))!.State);
        var failed = await store.FindAsync("Ev2#1:0", CancellationToken.None);
        Assert.Equal(OutboxState.Failed, failed!.State);
        Assert.Contains("unknown_outcome", failed.Error);
    }

    private ServiceProvider Process(SlackEmulator slack, TimeProvider time)
    {
        var settings = SlackTestHost.Settings(slack, new Dictionary<string, string?>
        {
            ["SloBot:Storage:ConnectionString"] = $"Data Source={Path.Combine(_dir, "state.db")}",
        });
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton(time);
        services.AddSlackTransport(configuration);
        services.AddSloBotStorage(configuration);
        var provider = services.BuildServiceProvider();
        _processes.Add(provider);
        return provider;
    }

    public void Dispose()
    {
        foreach (var process in _processes)
            process.Dispose();
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
