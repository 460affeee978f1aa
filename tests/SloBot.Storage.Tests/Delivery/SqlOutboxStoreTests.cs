using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SloBot.Chat.Delivery;
using SloBot.Storage.Delivery;
using Xunit;

namespace SloBot.Storage.Tests.Delivery;

/// <summary>The persisted outbox's contract (issue 16 item 1): record, lease, attempt, complete, claim, release, prune — on SQLite and PostgreSQL.</summary>
public abstract class SqlOutboxStoreTests(StorageProvider provider) : StoreTest(provider)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly string[] Platforms = ["slack", "discord"];

    [Fact]
    public async Task Record_ThenDeliver_KeepsTheResult_AndRecordingAgainReturnsTheDeliveredEntry()
    {
        var store = New();
        var recorded = await store.RecordAsync(Message("k1"), "A", Now, Now.AddMinutes(1), CancellationToken.None);
        Assert.Equal((OutboxState.Pending, "A", 0), (recorded.State, recorded.LeaseOwner, recorded.Attempts));
        Assert.Equal("{\"text\":\"k1\"}", recorded.Message.Payload);

        Assert.Equal(1, await store.BeginAttemptAsync("k1", "A", Now, Now.AddMinutes(1), CancellationToken.None));
        await store.CompleteAsync("k1", OutboxState.Delivered, "1700000000.000100", Now.AddSeconds(1), CancellationToken.None);
        var again = await New().RecordAsync(Message("k1"), "B", Now.AddMinutes(5), Now.AddMinutes(6), CancellationToken.None);

        Assert.Equal((OutboxState.Delivered, "1700000000.000100", null, 1), (again.State, again.Result, again.LeaseOwner, again.Attempts));
        Assert.Null(await store.BeginAttemptAsync("k1", "B", Now.AddMinutes(5), Now.AddMinutes(6), CancellationToken.None));
    }

    [Fact]
    public async Task LiveLease_IsNeitherClaimedNorAttemptedByOthers_UntilItExpires()
    {
        var store = New();
        await store.RecordAsync(Message("k1"), "A", Now, Now.AddMinutes(1), CancellationToken.None);

        Assert.Empty(await New().ClaimAsync(Platforms, "B", Now.AddSeconds(30), Now.AddSeconds(90), 10, CancellationToken.None));
        Assert.Null(await New().BeginAttemptAsync("k1", "B", Now.AddSeconds(30), Now.AddSeconds(90), CancellationToken.None));
        Assert.Equal(1, await store.RenewAsync("A", Now.AddSeconds(90), CancellationToken.None));
        Assert.Empty(await New().ClaimAsync(Platforms, "B", Now.AddSeconds(61), Now.AddSeconds(121), 10, CancellationToken.None));
        var held = await New().RecordAsync(Message("k1"), "B", Now.AddSeconds(61), Now.AddSeconds(121), CancellationToken.None);
        Assert.Equal("A", held.LeaseOwner);

        var claimed = await New().ClaimAsync(Platforms, "B", Now.AddSeconds(90), Now.AddSeconds(150), 10, CancellationToken.None);
        var entry = Assert.Single(claimed);
        Assert.Equal(("k1", "B"), (entry.Key, entry.LeaseOwner));
        Assert.Null(await store.BeginAttemptAsync("k1", "A", Now.AddSeconds(91), Now.AddSeconds(151), CancellationToken.None));
        Assert.Equal(1, await New().BeginAttemptAsync("k1", "B", Now.AddSeconds(91), Now.AddSeconds(151), CancellationToken.None));
    }

    [Fact]
    public async Task ConcurrentClaimers_NeverGetTheSameEntry_AndTogetherGetThemAllOldestFirst()
    {
        var store = New();
        for (var i = 0; i < 30; i++)
            await store.RecordAsync(Message($"k{i:D2}", platform: i % 2 == 0 ? "slack" : "discord"), "dead", Now, Now.AddMinutes(1), CancellationToken.None);

        var claimers = Enumerable.Range(0, 6).Select(i => (Owner: $"R{i}", Store: New())).ToArray();
        var claims = await Task.WhenAll(claimers.Select(c => c.Store.ClaimAsync(Platforms, c.Owner, Now.AddMinutes(2), Now.AddMinutes(3), 10, CancellationToken.None)));

        var keys = claims.SelectMany(c => c.Select(e => e.Key)).ToArray();
        Assert.Equal(keys.Length, keys.Distinct().Count());
        Assert.Equal(30, keys.Length);
        foreach (var (claim, i) in claims.Select((c, i) => (c, i)))
        {
            Assert.All(claim, e => Assert.Equal($"R{i}", e.LeaseOwner));
            Assert.Equal(claim.Select(e => e.Sequence).Order(), claim.Select(e => e.Sequence));
        }

        Assert.Empty(await New().ClaimAsync(Platforms, "late", Now.AddMinutes(2), Now.AddMinutes(3), 10, CancellationToken.None));
    }

    [Fact]
    public async Task Claim_TakesOnlyItsPlatforms_AndDueEntries()
    {
        var store = New();
        await store.RecordAsync(Message("s", platform: "slack"), "dead", Now, Now.AddMinutes(1), CancellationToken.None);
        await store.RecordAsync(Message("d", platform: "discord"), "dead", Now, Now.AddMinutes(1), CancellationToken.None);
        await store.RecordAsync(Message("later", platform: "slack"), "A", Now, Now.AddMinutes(1), CancellationToken.None);
        await store.ReleaseAsync("later", "A", Now.AddMinutes(10), Now, CancellationToken.None);

        var claimed = await store.ClaimAsync(["slack"], "B", Now.AddMinutes(2), Now.AddMinutes(30), 10, CancellationToken.None);

        Assert.Equal(["s"], claimed.Select(e => e.Key));
        Assert.Equal(["later"], (await store.ClaimAsync(["slack"], "B", Now.AddMinutes(10), Now.AddMinutes(11), 10, CancellationToken.None)).Select(e => e.Key));
    }

    [Fact]
    public async Task Release_ByItsHolderOnly_LeavesItToTheNextClaimAtItsTime()
    {
        var store = New();
        await store.RecordAsync(Message("k1"), "A", Now, Now.AddMinutes(1), CancellationToken.None);
        await store.BeginAttemptAsync("k1", "A", Now, Now.AddMinutes(1), CancellationToken.None);

        await store.ReleaseAsync("k1", "B", Now, Now, CancellationToken.None); // not B's to release
        Assert.Equal("A", (await store.FindAsync("k1", CancellationToken.None))!.LeaseOwner);
        await store.ReleaseAsync("k1", "A", Now.AddSeconds(5), Now, CancellationToken.None);

        Assert.Empty(await store.ClaimAsync(Platforms, "B", Now.AddSeconds(4), Now.AddMinutes(1), 10, CancellationToken.None));
        var entry = Assert.Single(await store.ClaimAsync(Platforms, "B", Now.AddSeconds(5), Now.AddMinutes(1), 10, CancellationToken.None));
        Assert.Equal(1, entry.Attempts);
        Assert.Equal(2, await store.BeginAttemptAsync("k1", "B", Now.AddSeconds(5), Now.AddMinutes(1), CancellationToken.None));
    }

    [Fact]
    public async Task FailedEntry_RecordedAgain_StartsOverWithNoAttempts()
    {
        var store = New();
        await store.RecordAsync(Message("k1"), "A", Now, Now.AddMinutes(1), CancellationToken.None);
        await store.BeginAttemptAsync("k1", "A", Now, Now.AddMinutes(1), CancellationToken.None);
        await store.CompleteAsync("k1", OutboxState.Failed, "SlackApiException: channel_not_found", Now, CancellationToken.None);
        Assert.Equal("SlackApiException: channel_not_found", (await store.FindAsync("k1", CancellationToken.None))!.Error);

        var again = await store.RecordAsync(Message("k1"), "B", Now.AddMinutes(1), Now.AddMinutes(2), CancellationToken.None);

        Assert.Equal((OutboxState.Pending, "B", 0, (string?)null), (again.State, again.LeaseOwner, again.Attempts, again.Error));
    }

    [Fact]
    public async Task Prune_RemovesFinishedEntriesPastTheirTime_AndKeepsPendingOnes()
    {
        var store = New();
        foreach (var key in new[] { "old-delivered", "old-failed", "old-pending", "new-delivered" })
            await store.RecordAsync(Message(key), "A", Now, Now.AddMinutes(1), CancellationToken.None);
        await store.CompleteAsync("old-delivered", OutboxState.Delivered, "1", Now, CancellationToken.None);
        await store.CompleteAsync("old-failed", OutboxState.Failed, "gone", Now, CancellationToken.None);
        await store.CompleteAsync("new-delivered", OutboxState.Delivered, "2", Now.AddDays(1), CancellationToken.None);

        Assert.Equal(2, await store.PruneAsync(Now.AddHours(1), CancellationToken.None));

        Assert.Null(await store.FindAsync("old-delivered", CancellationToken.None));
        Assert.Null(await store.FindAsync("old-failed", CancellationToken.None));
        Assert.NotNull(await store.FindAsync("old-pending", CancellationToken.None));
        Assert.NotNull(await store.FindAsync("new-delivered", CancellationToken.None));
    }

    private static OutboxMessage Message(string key, string platform = "slack") =>
        new(platform, $"{platform}:C0OPS", key, $"{{\"text\":\"{key}\"}}");

    private SqlOutboxStore New()
    {
        var options = Options.Create(new StorageOptions { ConnectionString = ConnectionString });
        StorageMigration[] migrations = [new(SqlOutboxStore.MigrationId, SqlOutboxStore.Schema, SqlOutboxStore.PostgreSqlSchema)];
        return new SqlOutboxStore(new Database(options, migrations, NullLogger<Database>.Instance));
    }

    public sealed class OnSqlite() : SqlOutboxStoreTests(StorageProvider.Sqlite);

    public sealed class OnPostgres() : SqlOutboxStoreTests(StorageProvider.PostgreSql);
}
