using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SloBot.Chat.Delivery;
using SloBot.Storage.Delivery;
using Xunit;

namespace SloBot.Storage.Tests.Delivery;

/// <summary>The inbox's contract (issue 16): record once, lease, renew, claim after expiry, complete, prune — on SQLite and PostgreSQL.</summary>
public abstract class SqlInboxStoreTests(StorageProvider provider) : StoreTest(provider)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly string[] Platforms = ["slack", "discord"];

    [Fact]
    public async Task Record_ABatch_IsFreshOnce_AndARedeliveryOnAnotherReplicaIsNot()
    {
        var store = New();
        var fresh = await store.RecordAsync([Message("k1"), Message("k2"), Message("k3")], "A", Now, Now.AddSeconds(30), CancellationToken.None);
        Assert.Equal([true, true, true], fresh);

        var again = await New().RecordAsync([Message("k0"), Message("k2"), Message("k4")], "B", Now.AddSeconds(1), Now.AddSeconds(31), CancellationToken.None);

        Assert.Equal([true, false, true], again);
        var k2 = (await store.FindAsync("k2", CancellationToken.None))!;
        Assert.Equal((InboxState.Pending, "A", 1, "{\"text\":\"k2\"}"), (k2.State, k2.LeaseOwner, k2.Attempts, k2.Message.Payload));
        Assert.Equal(Now, k2.CreatedAt);
    }

    [Fact]
    public async Task ConcurrentRecorders_OfTheSameKeys_OnlyOneGetsEach()
    {
        var keys = Enumerable.Range(0, 40).Select(i => Message($"k{i:D2}")).ToArray();
        var recorders = Enumerable.Range(0, 6).Select(i => (Owner: $"R{i}", Store: New())).ToArray();

        var results = await Task.WhenAll(recorders.Select(r => r.Store.RecordAsync(keys, r.Owner, Now, Now.AddSeconds(30), CancellationToken.None)));

        for (var k = 0; k < keys.Length; k++)
            Assert.Equal(1, results.Count(r => r[k]));
    }

    [Fact]
    public async Task LiveLease_IsNotClaimed_UntilItExpires_ThenOnceWithTheRunCounted()
    {
        var store = New();
        await store.RecordAsync([Message("k1")], "A", Now, Now.AddSeconds(30), CancellationToken.None);

        Assert.Empty(await New().ClaimAsync(Platforms, "B", Now.AddSeconds(20), Now.AddSeconds(50), 10, CancellationToken.None));
        Assert.Equal(1, await store.RenewAsync("A", Now.AddSeconds(60), CancellationToken.None));
        Assert.Empty(await New().ClaimAsync(Platforms, "B", Now.AddSeconds(31), Now.AddSeconds(61), 10, CancellationToken.None));

        var entry = Assert.Single(await New().ClaimAsync(Platforms, "B", Now.AddSeconds(60), Now.AddSeconds(90), 10, CancellationToken.None));
        Assert.Equal(("k1", "B", 2, "{\"text\":\"k1\"}"), (entry.Key, entry.LeaseOwner, entry.Attempts, entry.Message.Payload));
        Assert.Empty(await New().ClaimAsync(Platforms, "C", Now.AddSeconds(61), Now.AddSeconds(91), 10, CancellationToken.None));
        Assert.Equal(0, await store.RenewAsync("A", Now.AddSeconds(120), CancellationToken.None)); // A lost it
    }

    [Fact]
    public async Task Release_ByItsHolderOnly_LeavesItToTheNextClaimAtItsTime()
    {
        var store = New();
        await store.RecordAsync([Message("k1")], "A", Now, Now.AddSeconds(30), CancellationToken.None);

        await store.ReleaseAsync("k1", "B", Now, CancellationToken.None); // not B's to release
        Assert.Equal("A", (await store.FindAsync("k1", CancellationToken.None))!.LeaseOwner);
        await store.ReleaseAsync("k1", "A", Now.AddSeconds(10), CancellationToken.None);

        Assert.Equal(0, await store.RenewAsync("A", Now.AddMinutes(1), CancellationToken.None));
        Assert.Empty(await store.ClaimAsync(Platforms, "B", Now.AddSeconds(9), Now.AddSeconds(39), 10, CancellationToken.None));
        var entry = Assert.Single(await store.ClaimAsync(Platforms, "B", Now.AddSeconds(10), Now.AddSeconds(40), 10, CancellationToken.None));
        Assert.Equal(("B", 2), (entry.LeaseOwner, entry.Attempts));
    }

    [Fact]
    public async Task ConcurrentClaimers_NeverGetTheSameEntry_AndTogetherGetThemAllOldestFirst()
    {
        var store = New();
        await store.RecordAsync([.. Enumerable.Range(0, 30).Select(i => Message($"k{i:D2}", i % 2 == 0 ? "slack" : "discord"))], "dead", Now, Now.AddSeconds(30), CancellationToken.None);

        var claimers = Enumerable.Range(0, 6).Select(i => (Owner: $"R{i}", Store: New())).ToArray();
        var claims = await Task.WhenAll(claimers.Select(c => c.Store.ClaimAsync(Platforms, c.Owner, Now.AddMinutes(1), Now.AddMinutes(2), 10, CancellationToken.None)));

        var keys = claims.SelectMany(c => c.Select(e => e.Key)).ToArray();
        Assert.Equal(30, keys.Length);
        Assert.Equal(keys.Length, keys.Distinct().Count());
        foreach (var (claim, i) in claims.Select((c, i) => (c, i)))
        {
            Assert.All(claim, e => Assert.Equal($"R{i}", e.LeaseOwner));
            Assert.Equal(claim.Select(e => e.Sequence).Order(), claim.Select(e => e.Sequence));
        }
    }

    [Fact]
    public async Task Claim_TakesOnlyItsPlatforms_AndNeverFinishedEntries()
    {
        var store = New();
        await store.RecordAsync([Message("s", "slack"), Message("d", "discord"), Message("done", "slack")], "dead", Now, Now.AddSeconds(30), CancellationToken.None);
        await store.CompleteAsync(["done"], InboxState.Done, Now, CancellationToken.None);

        var claimed = await store.ClaimAsync(["slack"], "B", Now.AddMinutes(1), Now.AddMinutes(2), 10, CancellationToken.None);

        Assert.Equal(["s"], claimed.Select(e => e.Key));
    }

    [Fact]
    public async Task Complete_DropsLeaseAndPayload_AndTheKeyStaysADuplicate()
    {
        var store = New();
        await store.RecordAsync([Message("k1")], "A", Now, Now.AddSeconds(30), CancellationToken.None);

        await store.CompleteAsync(["k1"], InboxState.Done, Now.AddSeconds(2), CancellationToken.None);

        var entry = (await store.FindAsync("k1", CancellationToken.None))!;
        Assert.Equal((InboxState.Done, (string?)null, "", Now.AddSeconds(2)), (entry.State, entry.LeaseOwner, entry.Message.Payload, entry.UpdatedAt));
        Assert.Equal([false], await New().RecordAsync([Message("k1")], "B", Now.AddMinutes(5), Now.AddMinutes(6), CancellationToken.None));
        Assert.Equal(0, await store.RenewAsync("A", Now.AddMinutes(1), CancellationToken.None));
    }

    [Fact]
    public async Task Complete_MarksEveryKeyOfTheBatch_AndNoOther()
    {
        var store = New();
        var keys = Enumerable.Range(0, 250).Select(i => $"burst-{i}").ToArray();
        await store.RecordAsync([.. keys.Select(k => Message(k)), Message("other")], "A", Now, Now.AddSeconds(30), CancellationToken.None);

        await store.CompleteAsync(keys, InboxState.Done, Now.AddSeconds(1), CancellationToken.None);

        foreach (var key in keys)
        {
            var entry = (await store.FindAsync(key, CancellationToken.None))!;
            Assert.Equal((InboxState.Done, "", (string?)null), (entry.State, entry.Message.Payload, entry.LeaseOwner));
        }

        Assert.Equal(InboxState.Pending, (await store.FindAsync("other", CancellationToken.None))!.State);
    }

    [Fact]
    public async Task Prune_RemovesFinishedEntriesPastTheirTime_AndKeepsPendingOnes()
    {
        var store = New();
        await store.RecordAsync([Message("old-done"), Message("old-failed"), Message("old-pending"), Message("new-done")], "A", Now, Now.AddSeconds(30), CancellationToken.None);
        await store.CompleteAsync(["old-done"], InboxState.Done, Now, CancellationToken.None);
        await store.CompleteAsync(["old-failed"], InboxState.Failed, Now, CancellationToken.None);
        await store.CompleteAsync(["new-done"], InboxState.Done, Now.AddDays(1), CancellationToken.None);

        Assert.Equal(2, await store.PruneAsync(Now.AddHours(1), CancellationToken.None));

        Assert.Null(await store.FindAsync("old-done", CancellationToken.None));
        Assert.Null(await store.FindAsync("old-failed", CancellationToken.None));
        Assert.Equal(InboxState.Pending, (await store.FindAsync("old-pending", CancellationToken.None))!.State);
        Assert.Equal(InboxState.Done, (await store.FindAsync("new-done", CancellationToken.None))!.State);
    }

    private static InboxMessage Message(string key, string platform = "slack") => new(platform, key, $"{{\"text\":\"{key}\"}}");

    private SqlInboxStore New()
    {
        var options = Options.Create(new StorageOptions { ConnectionString = ConnectionString });
        StorageMigration[] migrations = [new(SqlInboxStore.MigrationId, SqlInboxStore.Schema, SqlInboxStore.PostgreSqlSchema)];
        return new SqlInboxStore(new Database(options, migrations, NullLogger<Database>.Instance));
    }

    public sealed class OnSqlite() : SqlInboxStoreTests(StorageProvider.Sqlite);

    public sealed class OnPostgres() : SqlInboxStoreTests(StorageProvider.PostgreSql);
}
