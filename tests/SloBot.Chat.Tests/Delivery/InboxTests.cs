using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SloBot.Chat.Delivery;
using Xunit;

namespace SloBot.Chat.Tests;

/// <summary>The inbox (issue 16): records once per key, a burst in shared writes; the replay runs what a dead process left, once, up to the attempt limit.</summary>
public sealed class InboxTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RecordAsync_ABurstWithACopy_RecordsEachKeyOnce_InFewerWritesThanRecords()
    {
        var store = new CountingStore();
        var inbox = new Inbox(store, new FakeTimeProvider(Start), NullLogger<Inbox>.Instance);

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => inbox.RecordAsync(new InboxMessage("slack", $"k{i % 150}", "{}"), CancellationToken.None)));

        Assert.Equal(150, results.Count(r => r));
        Assert.True(store.Writes < 200, $"{store.Writes} writes for 200 records");
        Assert.False(await inbox.RecordAsync(new InboxMessage("slack", "k7", "{}"), CancellationToken.None));
    }

    [Fact]
    public async Task RecordAllAsync_ResultsInOrder_ACopyInsideTheBatchOrRecordedBeforeIsNotFresh_OneWriteForTheCallersBatch()
    {
        var store = new CountingStore();
        var inbox = new Inbox(store, new FakeTimeProvider(Start), NullLogger<Inbox>.Instance);
        Assert.True(await inbox.RecordAsync(new InboxMessage("slack", "k0", "{}"), CancellationToken.None));
        var writesBefore = store.Writes;

        var fresh = await inbox.RecordAllAsync([.. new[] { "k1", "k0", "k2", "k1", "k3" }.Select(k => new InboxMessage("slack", k, "{}"))], CancellationToken.None);

        Assert.Equal([true, false, true, false, true], fresh);
        Assert.Equal(writesBefore + 1, store.Writes); // written by the caller, in one round trip
        Assert.Empty(await inbox.RecordAllAsync([], CancellationToken.None));
    }

    [Fact]
    public async Task RecordAllAsync_LargerThanABatch_AndRacingSingleRecords_EachKeyRecordedOnce()
    {
        var store = new CountingStore();
        var inbox = new Inbox(store, new FakeTimeProvider(Start), NullLogger<Inbox>.Instance);
        var singles = Enumerable.Range(0, 50).Select(i => inbox.RecordAsync(new InboxMessage("slack", $"k{i * 9}", "{}"), CancellationToken.None)).ToArray();
        var batch = inbox.RecordAllAsync([.. Enumerable.Range(0, 450).Select(i => new InboxMessage("slack", $"k{i}", "{}"))], CancellationToken.None);

        var all = (await Task.WhenAll(singles)).Concat(await batch).ToArray();

        Assert.Equal(450, all.Count(f => f)); // k0…k449 once each, whoever came first
        Assert.Equal(450, (await store.ClaimAsync(["slack"], "x", Start.AddHours(1), Start.AddHours(2), 1000, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task CompleteAsync_ABurstOfMarks_EndsEachEntryWithItsState_InFewerWritesThanMarks()
    {
        var store = new CountingStore();
        var inbox = new Inbox(store, new FakeTimeProvider(Start), NullLogger<Inbox>.Instance);
        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => inbox.RecordAsync(new InboxMessage("slack", $"k{i}", "{}"), CancellationToken.None)));

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => inbox.CompleteAsync($"k{i}", i % 10 == 0 ? InboxState.Failed : InboxState.Done)));

        Assert.True(store.Marks < 200, $"{store.Marks} writes for 200 marks");
        for (var i = 0; i < 200; i++)
            Assert.Equal(i % 10 == 0 ? InboxState.Failed : InboxState.Done, (await store.FindAsync($"k{i}", CancellationToken.None))!.State);
    }

    [Fact]
    public async Task Replay_RunsExpiredEntriesOfItsPlatformsOnce_AndMarksThemDone()
    {
        var time = new FakeTimeProvider(Start);
        var store = new InMemoryInboxStore();
        var handler = new Handler("slack");
        var (dead, alive) = (Inbox(store, time), Inbox(store, time));
        await dead.RecordAsync(new InboxMessage("slack", "slack:cmd:1", "{\"text\":\"budget\"}"), CancellationToken.None);
        await dead.RecordAsync(new InboxMessage("discord", "discord:1", "{}"), CancellationToken.None);
        var replay = new InboxReplay(alive, [handler], time, NullLogger<InboxReplay>.Instance);

        Assert.Equal(0, await replay.RecoverAsync(CancellationToken.None)); // the lease still runs
        time.Advance(new OutboxOptions().InboxLeaseDuration);
        Assert.Equal(1, await replay.RecoverAsync(CancellationToken.None));
        Assert.Equal(0, await replay.RecoverAsync(CancellationToken.None));

        Assert.Equal(["slack:cmd:1"], handler.Replayed);
        Assert.Equal(InboxState.Done, (await store.FindAsync("slack:cmd:1", CancellationToken.None))!.State);
        Assert.Equal(InboxState.Pending, (await store.FindAsync("discord:1", CancellationToken.None))!.State); // no handler here
    }

    [Fact]
    public async Task Replay_ThatThrows_IsReleasedAndTriedAgain_UntilTheLimit_ThenFailed()
    {
        var time = new FakeTimeProvider(Start);
        var store = new InMemoryInboxStore();
        var handler = new Handler("slack") { Throw = true };
        var alive = Inbox(store, time);
        await Inbox(store, time).RecordAsync(new InboxMessage("slack", "slack:cmd:2", "{}"), CancellationToken.None);
        var replay = new InboxReplay(alive, [handler], time, NullLogger<InboxReplay>.Instance);
        time.Advance(new OutboxOptions().InboxLeaseDuration);

        for (var pass = 0; pass < 4; pass++)
        {
            await alive.RenewLeasesAsync(CancellationToken.None); // a failed replay is not kept alive by the replayer's renewals
            await replay.RecoverAsync(CancellationToken.None);
            time.Advance(new OutboxOptions().RecoveryInterval);
        }

        Assert.Equal(2, handler.Replayed.Count); // runs 2 and 3; the live run was the first
        Assert.Equal(InboxState.Failed, (await store.FindAsync("slack:cmd:2", CancellationToken.None))!.State);
    }

    [Fact]
    public async Task Replay_ThatCanNoLongerBeAnswered_IsFailedAtOnce_NotTriedAgain()
    {
        var time = new FakeTimeProvider(Start);
        var store = new InMemoryInboxStore();
        var handler = new Handler("discord") { Expired = true };
        var alive = Inbox(store, time);
        await Inbox(store, time).RecordAsync(new InboxMessage("discord", "discord:int:9", "{\"token\":\"secret\"}"), CancellationToken.None);
        var replay = new InboxReplay(alive, [handler], time, NullLogger<InboxReplay>.Instance);
        time.Advance(new OutboxOptions().InboxLeaseDuration);

        Assert.Equal(0, await replay.RecoverAsync(CancellationToken.None));
        time.Advance(new OutboxOptions().RecoveryInterval);
        Assert.Equal(0, await replay.RecoverAsync(CancellationToken.None));

        Assert.Single(handler.Replayed);
        var entry = await store.FindAsync("discord:int:9", CancellationToken.None);
        Assert.Equal((InboxState.Failed, ""), (entry!.State, entry.Message.Payload));
    }

    [Fact]
    public void OptionsValidator_NamesEveryWrongKey()
    {
        var result = new OutboxOptionsValidator().Validate(null, new OutboxOptions { InboxLeaseDuration = TimeSpan.FromSeconds(1), KeepFinished = TimeSpan.FromMinutes(5), InboxMaxAttempts = 0 });

        Assert.True(result.Failed);
        Assert.Contains("SloBot:Outbox:InboxLeaseDuration", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("SloBot:Outbox:KeepFinished", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("SloBot:Outbox:InboxMaxAttempts", result.FailureMessage, StringComparison.Ordinal);
        Assert.True(new OutboxOptionsValidator().Validate(null, new OutboxOptions()).Succeeded);
    }

    private static Inbox Inbox(IInboxStore store, TimeProvider time) => new(store, time, NullLogger<Inbox>.Instance);

    private sealed class Handler(string platform) : IInboxHandler
    {
        public List<string> Replayed { get; } = [];

        public bool Throw { get; init; }

        public bool Expired { get; init; }

        public string Platform => platform;

        public Task ReplayAsync(InboxEntry entry, CancellationToken cancellationToken)
        {
            lock (Replayed)
                Replayed.Add(entry.Key);
            if (Expired)
                throw new InboxEntryExpiredException("too old");
            return Throw ? throw new InvalidOperationException("the answer could not be sent") : Task.CompletedTask;
        }
    }

    private sealed class CountingStore : IInboxStore
    {
        private readonly InMemoryInboxStore _inner = new();

        public int Writes { get; private set; }

        public async Task<IReadOnlyList<bool>> RecordAsync(IReadOnlyList<InboxMessage> messages, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
        {
            Writes++;
            await Task.Delay(5, cancellationToken); // a round trip, during which more records arrive
            return await _inner.RecordAsync(messages, owner, now, leaseUntil, cancellationToken);
        }

        public int Marks { get; private set; }

        public async Task CompleteAsync(IReadOnlyList<string> keys, InboxState state, DateTimeOffset now, CancellationToken cancellationToken)
        {
            Marks++;
            await Task.Delay(5, cancellationToken); // a round trip, during which more marks arrive
            await _inner.CompleteAsync(keys, state, now, cancellationToken);
        }

        public Task ReleaseAsync(string key, string owner, DateTimeOffset retryAt, CancellationToken cancellationToken) => _inner.ReleaseAsync(key, owner, retryAt, cancellationToken);

        public Task<int> RenewAsync(string owner, DateTimeOffset leaseUntil, CancellationToken cancellationToken) => _inner.RenewAsync(owner, leaseUntil, cancellationToken);

        public Task<IReadOnlyList<InboxEntry>> ClaimAsync(IReadOnlyCollection<string> platforms, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken cancellationToken) =>
            _inner.ClaimAsync(platforms, owner, now, leaseUntil, max, cancellationToken);

        public Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken) => _inner.PruneAsync(before, cancellationToken);

        public Task<InboxEntry?> FindAsync(string key, CancellationToken cancellationToken) => _inner.FindAsync(key, cancellationToken);
    }
}
