using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using SloBot.Chat.Leases;
using SloBot.Discord.Tests.Emulator;
using SloBot.Storage;

namespace SloBot.Discord.Tests.Gateway;

/// <summary>
/// Issue 16 item 2: replicas share the Gateway shards through leases in one SQLite store, on one emulator and one fake
/// clock (the clock moves a second per poll, so renewals, lease expiry and identify pacing happen as they would).
/// </summary>
public sealed class ShardLeaseTests : IDisposable
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private readonly string _dir = Directory.CreateTempSubdirectory("slobot-shards-").FullName;

    [Fact]
    public async Task OneReplicaWithoutShardSettings_LeasesEveryShardDiscordRecommends_OneIdentifyPerConcurrencyBucketPer5s()
    {
        var clock = new SloBot.Testing.RecordingTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        var start = clock.GetUtcNow();
        await using var emulator = await DiscordEmulator.StartAsync(clock);
        emulator.Gateway.RecommendedShards = 4;
        emulator.Gateway.MaxConcurrency = 2;
        await using var replica = await DiscordHarness.StartAsync(emulator, clock);

        // The event: one shard of each bucket ({0, 2} and {1, 3}) identified, the other two wait 5 s for their bucket's turn.
        await replica.UntilAsync(() => Identifies(emulator).Length == 2 && clock.TimersOf(TimeSpan.FromSeconds(5), createdIn: "TakeIdentifyTurnAsync") == 2, "two identifies and two waiting their turn");
        var first = Identifies(emulator);
        Assert.Equal([0, 1], first.Select(i => i.Shard.Id % 2).Order());
        Assert.All(first, i => Assert.Equal(start, i.At));

        clock.Advance(TimeSpan.FromSeconds(5));
        await replica.UntilAsync(() => Enumerable.Range(0, 4).All(emulator.Gateway.IsShardLive), "all four shards live");

        Assert.Equal([0, 1, 2, 3], replica.Shards.Running.Keys.Order());
        var identifies = Identifies(emulator);
        Assert.Equal([(0, 4), (1, 4), (2, 4), (3, 4)], identifies.Select(i => i.Shard).Order());
        Assert.All(identifies.Except(first), i => Assert.Equal(start.AddSeconds(5), i.At));
    }

    [Fact]
    public async Task TwoReplicasOnOneStore_SplitTheShards_EachIdentifyingWithItsOwnShard()
    {
        var clock = NewClock();
        await using var emulator = await DiscordEmulator.StartAsync(clock);
        await using var a = await Replica(emulator, clock);
        await using var b = await Replica(emulator, clock);

        await a.UntilAsync(() => a.Shards.Running.Count == 2 && b.Shards.Running.Count == 2 && Enumerable.Range(0, 4).All(emulator.Gateway.IsShardLive), "two shards live in each replica", Second);

        Assert.Equal([0, 1, 2, 3], a.Shards.Running.Keys.Concat(b.Shards.Running.Keys).Order());
        Assert.All(Identifies(emulator), i => Assert.Equal(4, i.Shard.Count));
        foreach (var shard in Enumerable.Range(0, 4))
        {
            var runner = a.Shards.Running.TryGetValue(shard, out var client) ? client : b.Shards.Running[shard];
            Assert.Equal(emulator.Gateway.SessionOf(shard), runner.SessionId); // the live session is the runner's own identify
            Assert.Equal(1, emulator.Gateway.MostLiveAtOnce(shard)); // a shard handed over was closed before its new owner identified
        }

        var interaction = emulator.Interaction(2, DiscordHarness.SlashCommand("help"));
        await emulator.Gateway.DispatchAsync("INTERACTION_CREATE", interaction, shard: b.Shards.Running.Keys.First());
        await b.UntilAsync(() => emulator.ResponsesTo(interaction).Count == 2, "the answer from the replica running that shard");
    }

    [Fact]
    public async Task AReplicaThatStopsRenewing_ClosesItsShard_AndTheOtherTakesItOverWithinAMinute()
    {
        var clock = NewClock();
        await using var emulator = await DiscordEmulator.StartAsync(clock);
        await using var a = await Replica(emulator, clock, shards: 2);
        var store = new SwitchableLeases();
        await using var b = await Replica(emulator, clock, shards: 2, store);
        await a.UntilAsync(() => a.Shards.Running.Count == 1 && b.Shards.Running.Count == 1 && emulator.Gateway.IsShardLive(0) && emulator.Gateway.IsShardLive(1), "one shard live in each replica", Second);
        var orphan = b.Shards.Running.Keys.Single();

        store.Broken = true; // b can no longer reach the store: as good as dead to the others
        var brokenAt = clock.GetUtcNow();
        await a.UntilAsync(() => a.Shards.Running.Count == 2 && emulator.Gateway.IsShardLive(orphan) && emulator.Gateway.SessionOf(orphan) == a.Shards.Running[orphan].SessionId, "a to run both shards", Second);

        var takenOverIn = clock.GetUtcNow() - brokenAt;
        Assert.True(takenOverIn <= TimeSpan.FromMinutes(1), $"taken over in {takenOverIn}");
        Assert.Empty(b.Shards.Running);
        Assert.Contains(b.Logs.GetSnapshot(), r => r.Id.Id == 4802 && r.Message.Contains("could not be renewed", StringComparison.Ordinal));
        Assert.Equal(1, emulator.Gateway.MostLiveAtOnce(orphan));
        var retaken = Identifies(emulator).Last(i => i.Shard.Id == orphan);
        Assert.Equal((orphan, 2), retaken.Shard);
    }

    [Fact]
    public async Task AReplicaStoppedGracefully_ReleasesItsShard_TakenOverAtTheNextRenewal()
    {
        var clock = NewClock();
        await using var emulator = await DiscordEmulator.StartAsync(clock);
        await using var a = await Replica(emulator, clock, shards: 2);
        await using var b = await Replica(emulator, clock, shards: 2);
        await a.UntilAsync(() => a.Shards.Running.Count == 1 && b.Shards.Running.Count == 1 && emulator.Gateway.IsShardLive(0) && emulator.Gateway.IsShardLive(1), "one shard live in each replica", Second);

        await b.StopAsync(CancellationToken.None);
        var stoppedAt = clock.GetUtcNow();
        await a.UntilAsync(() => a.Shards.Running.Count == 2 && emulator.Gateway.IsShardLive(0) && emulator.Gateway.IsShardLive(1), "a to run both shards", Second);

        Assert.True(clock.GetUtcNow() - stoppedAt <= TimeSpan.FromSeconds(10) + TimeSpan.FromSeconds(5) + Second, "within a renewal (10 s) and an identify turn (5 s), not the 30 s lease");
    }

    private static FakeTimeProvider NewClock() => new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    private Task<DiscordHarness> Replica(DiscordEmulator emulator, FakeTimeProvider clock, int shards = 4, SwitchableLeases? leases = null) =>
        DiscordHarness.StartAsync(emulator, clock, configure: c => c["SloBot:Discord:ShardCount"] = $"{shards}", services: s =>
        {
            s.AddSloBotStorage(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["SloBot:Storage:ConnectionString"] = $"Data Source={Path.Combine(_dir, "state.db")}",
            }).Build());
            if (leases is null)
                return;
            var sql = s.Last(d => d.ServiceType == typeof(IPartitionLeases)).ImplementationType!;
            s.Replace(ServiceDescriptor.Singleton<IPartitionLeases>(sp => leases.Over((IPartitionLeases)ActivatorUtilities.CreateInstance(sp, sql))));
        });

    private static ((int Id, int Count) Shard, DateTimeOffset At)[] Identifies(DiscordEmulator emulator) =>
        emulator.Gateway.FramesWithOp(2).Select(f => ((f.Data!["shard"]![0]!.GetValue<int>(), f.Data["shard"]![1]!.GetValue<int>()), f.At)).ToArray();

    private static DateTimeOffset At(((int Id, int Count) Shard, DateTimeOffset At)[] identifies, int shard) => identifies.Single(i => i.Shard.Id == shard).At;

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

    /// <summary>The real store, until <see cref="Broken"/>: then every call fails as an unreachable database does.</summary>
    private sealed class SwitchableLeases : IPartitionLeases
    {
        private IPartitionLeases _inner = null!;

        public volatile bool Broken;

        public IPartitionLeases Over(IPartitionLeases inner)
        {
            _inner = inner;
            return this;
        }

        public Task<LeaseTable> RenewAsync(string group, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken) =>
            Broken ? Task.FromException<LeaseTable>(new TimeoutException("the database is unreachable")) : _inner.RenewAsync(group, owner, now, until, cancellationToken);

        public Task<LeaseAttempt> TryAcquireAsync(string group, int partition, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken) =>
            Broken ? Task.FromException<LeaseAttempt>(new TimeoutException("the database is unreachable")) : _inner.TryAcquireAsync(group, partition, owner, now, until, cancellationToken);

        public Task ReleaseAsync(string group, string owner, int? partition, CancellationToken cancellationToken) =>
            Broken ? Task.FromException(new TimeoutException("the database is unreachable")) : _inner.ReleaseAsync(group, owner, partition, cancellationToken);
    }
}
