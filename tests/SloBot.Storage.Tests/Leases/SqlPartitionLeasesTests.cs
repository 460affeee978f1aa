using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SloBot.Chat.Leases;
using SloBot.Storage.Leases;
using Xunit;

namespace SloBot.Storage.Tests.Leases;

public abstract class SqlPartitionLeasesTests(StorageProvider provider) : StoreTest(provider)
{
    private const string Group = "gateway-shards/4";
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task TwoOwnersNeverHoldOnePartition_WhenEightReplicasRaceForEachOfFour()
    {
        var replicas = Enumerable.Range(0, 8).Select(_ => New()).ToArray();

        var attempts = await Task.WhenAll(Enumerable.Range(0, 4).SelectMany(partition =>
            replicas.Select(async (r, i) => (Partition: partition, Owner: $"replica-{i}", (await r.TryAcquireAsync(Group, partition, $"replica-{i}", Now, Now + Lease, CancellationToken.None)).Acquired))));

        foreach (var partition in Enumerable.Range(0, 4))
            Assert.Single(attempts, a => a.Partition == partition && a.Acquired);
        var table = await New().RenewAsync(Group, "observer", Now, Now + Lease, CancellationToken.None);
        Assert.Equal(attempts.Where(a => a.Acquired).OrderBy(a => a.Partition).Select(a => a.Owner), table.Leases.Select(l => l.Owner));
    }

    [Fact]
    public async Task ARunningLease_IsRefusedToOthersAndToItsOwner_AndSaysUntilWhen()
    {
        var store = New();
        Assert.True((await store.TryAcquireAsync(Group, 0, "a", Now, Now + Lease, CancellationToken.None)).Acquired);

        var other = await New().TryAcquireAsync(Group, 0, "b", Now.AddSeconds(29.999), Now.AddSeconds(60), CancellationToken.None);
        var again = await store.TryAcquireAsync(Group, 0, "a", Now.AddSeconds(10), Now.AddSeconds(40), CancellationToken.None);

        Assert.Equal(new LeaseAttempt(false, Now + Lease), other);
        Assert.Equal(new LeaseAttempt(false, Now + Lease), again);
    }

    [Fact]
    public async Task AnExpiredLease_IsTakenOver_AndItsOldOwnerCannotRenewItBack()
    {
        var dead = New();
        Assert.True((await dead.TryAcquireAsync(Group, 2, "dead", Now, Now + Lease, CancellationToken.None)).Acquired);
        await dead.RenewAsync(Group, "dead", Now, Now + Lease, CancellationToken.None);

        var heir = New();
        var taken = await heir.TryAcquireAsync(Group, 2, "heir", Now + Lease, Now + Lease + Lease, CancellationToken.None);
        var late = await dead.RenewAsync(Group, "dead", Now.AddSeconds(31), Now.AddSeconds(61), CancellationToken.None);

        Assert.True(taken.Acquired);
        Assert.Equal([new Lease(2, "heir", Now + Lease + Lease)], late.Leases);
    }

    [Fact]
    public async Task Renew_ExtendsOnlyTheOwnersLeases_AndCountsLiveOwnersByHeartbeat()
    {
        var a = New();
        var b = New();
        await a.TryAcquireAsync(Group, 0, "a", Now, Now + Lease, CancellationToken.None);
        await a.TryAcquireAsync(Group, 1, "a", Now, Now + Lease, CancellationToken.None);
        await b.TryAcquireAsync(Group, 2, "b", Now, Now + Lease, CancellationToken.None);
        await b.RenewAsync(Group, "b", Now, Now + Lease, CancellationToken.None);
        await New().RenewAsync("gateway-shards/8", "elsewhere", Now, Now + Lease, CancellationToken.None);

        var table = await a.RenewAsync(Group, "a", Now.AddSeconds(10), Now.AddSeconds(40), CancellationToken.None);

        Assert.Equal([new Lease(0, "a", Now.AddSeconds(40)), new Lease(1, "a", Now.AddSeconds(40)), new Lease(2, "b", Now + Lease)], table.Leases);
        Assert.Equal(["a", "b"], table.LiveOwners);
        var later = await a.RenewAsync(Group, "a", Now.AddSeconds(30), Now.AddSeconds(60), CancellationToken.None);
        Assert.Equal(["a"], later.LiveOwners); // b's heartbeat ended at 30 s
    }

    [Fact]
    public async Task FairShare_TwoReplicasOfFourPartitions_EachTakeTwoFromTheLiveCount()
    {
        var a = New();
        var b = New();
        await a.RenewAsync(Group, "a", Now, Now + Lease, CancellationToken.None);
        var seen = await b.RenewAsync(Group, "b", Now, Now + Lease, CancellationToken.None);
        var share = (int)Math.Ceiling(4.0 / seen.LiveOwners.Count);

        var takenByA = await TakeAsync(a, "a", share);
        var takenByB = await TakeAsync(b, "b", share);

        Assert.Equal([0, 1], takenByA);
        Assert.Equal([2, 3], takenByB);
        Assert.Equal(2, share);
    }

    [Fact]
    public async Task Release_OfOnePartition_FreesItAtOnce_AndOfAllEndsTheHeartbeat()
    {
        var a = New();
        await a.RenewAsync(Group, "a", Now, Now + Lease, CancellationToken.None);
        await a.TryAcquireAsync(Group, 0, "a", Now, Now + Lease, CancellationToken.None);
        await a.TryAcquireAsync(Group, 1, "a", Now, Now + Lease, CancellationToken.None);
        await a.ReleaseAsync(Group, "b", null, CancellationToken.None); // not b's: nothing happens

        await a.ReleaseAsync(Group, "a", 1, CancellationToken.None);
        Assert.True((await New().TryAcquireAsync(Group, 1, "b", Now.AddSeconds(1), Now.AddSeconds(31), CancellationToken.None)).Acquired);

        await a.ReleaseAsync(Group, "a", null, CancellationToken.None);
        var table = await New().RenewAsync(Group, "b", Now.AddSeconds(2), Now.AddSeconds(32), CancellationToken.None);
        Assert.Equal([new Lease(1, "b", Now.AddSeconds(32))], table.Leases);
        Assert.Equal(["b"], table.LiveOwners);
    }

    private static async Task<int[]> TakeAsync(SqlPartitionLeases store, string owner, int share)
    {
        var taken = new List<int>();
        for (var partition = 0; partition < 4 && taken.Count < share; partition++)
        {
            if ((await store.TryAcquireAsync(Group, partition, owner, Now, Now + Lease, CancellationToken.None)).Acquired)
                taken.Add(partition);
        }

        return [.. taken];
    }

    private SqlPartitionLeases New()
    {
        var options = Options.Create(new StorageOptions { ConnectionString = ConnectionString });
        StorageMigration[] migrations = [new(SqlPartitionLeases.MigrationId, SqlPartitionLeases.Schema)];
        return new SqlPartitionLeases(new Database(options, migrations, NullLogger<Database>.Instance));
    }

    public sealed class OnSqlite() : SqlPartitionLeasesTests(StorageProvider.Sqlite);

    public sealed class OnPostgres() : SqlPartitionLeasesTests(StorageProvider.PostgreSql);
}
