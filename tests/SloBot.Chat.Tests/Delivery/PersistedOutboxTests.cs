using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SloBot.Chat.Delivery;
using SloBot.Chat.Telemetry;
using Xunit;

namespace SloBot.Chat.Tests;

/// <summary>Issue 16 item 1: a recorded delivery outlives its outbox and is delivered once by the next one to claim it.</summary>
public sealed class PersistedOutboxTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task SendAsync_RecordsBeforeTheFirstAttempt_AndMarksItDelivered()
    {
        var store = new InMemoryOutboxStore();
        var sender = new FakeSender();
        sender.OnSend = async a => Assert.Equal(OutboxState.Pending, (await store.FindAsync(a.Message.Key, CancellationToken.None))!.State);
        var outbox = New(new FakeTimeProvider(Start), store, sender);

        var id = await outbox.SendAsync(Message("k1"), CancellationToken.None);

        var entry = await store.FindAsync("k1", CancellationToken.None);
        Assert.Equal((OutboxState.Delivered, id, 1, (string?)null), (entry!.State, entry.Result, entry.Attempts, entry.LeaseOwner));
        Assert.Equal(id, await outbox.SendAsync(Message("k1"), CancellationToken.None));
        Assert.Single(sender.Attempts);
    }

    [Fact]
    public async Task OutboxDiscardedMidRetry_NextOutboxDeliversOnceAfterTheLease_SayingAnEarlierAttemptMayHaveLanded()
    {
        var time = new FakeTimeProvider(Start);
        var store = new InMemoryOutboxStore();
        var first = new FakeSender { Fail = _ => new TransientDeliveryException("timed out") };
        var dead = New(new FakeTimeProvider(Start), store, first); // its own clock, never moved: advancing the next one's must not wake its backoff
        _ = dead.SendAsync(Message("k1"), CancellationToken.None); // waits for its backoff on that clock: it "dies" here
        await SloBot.Testing.Poll.UntilAsync(() => !first.Attempts.IsEmpty, "the first attempt");

        var sender = new FakeSender();
        var next = New(time, store, sender);
        Assert.Equal(0, await next.RecoverAsync(CancellationToken.None)); // the lease is still the dead outbox's
        time.Advance(new OutboxOptions().LeaseDuration);
        Assert.Equal(1, await next.RecoverAsync(CancellationToken.None));
        Assert.Equal(0, await next.RecoverAsync(CancellationToken.None));

        var attempt = Assert.Single(sender.Attempts);
        Assert.Equal((2, true), (attempt.Number, attempt.MayHaveLanded));
        Assert.Equal(OutboxState.Delivered, (await store.FindAsync("k1", CancellationToken.None))!.State);
    }

    [Fact]
    public async Task RateLimitedAttempt_DoesNotCountAsPossiblyLanded()
    {
        var time = new FakeTimeProvider(Start);
        var sender = new FakeSender { Fail = n => n == 1 ? new TransientDeliveryException("429", TimeSpan.FromSeconds(2)) : null };
        var outbox = New(time, new InMemoryOutboxStore(), sender);

        var send = outbox.SendAsync(Message("k1"), CancellationToken.None);
        await SloBot.Testing.Poll.UntilAsync(() => send.IsCompleted, "the retried send", between: () => time.Advance(TimeSpan.FromMilliseconds(500)));
        await send;

        Assert.Equal([false, false], sender.Attempts.Select(a => a.MayHaveLanded));
    }

    [Fact]
    public async Task LastAttemptFails_RecordedAsFailedAndCounted()
    {
        var time = new FakeTimeProvider(Start);
        var store = new InMemoryOutboxStore();
        var sender = new FakeSender { Fail = _ => new TransientDeliveryException("503") };
        var outbox = New(time, store, sender, new OutboxOptions { MaxAttempts = 3 });
        using var failed = new MeterListener();
        long count = 0;
        failed.InstrumentPublished = (i, l) => { if (i.Meter.Name == ChatTelemetry.MeterName && i.Name == "slobot.outbox.failed") l.EnableMeasurementEvents(i); };
        failed.SetMeasurementEventCallback<long>((_, v, tags, _) => { if (tags.ToArray().Any(t => t.Key == "platform" && (string?)t.Value == "test")) Interlocked.Add(ref count, v); });
        failed.Start();

        var send = outbox.SendAsync(Message("k1"), CancellationToken.None);
        await SloBot.Testing.Poll.UntilAsync(() => send.IsCompleted, "the last attempt", between: () => time.Advance(TimeSpan.FromSeconds(1)));

        await Assert.ThrowsAsync<TransientDeliveryException>(() => send);
        var entry = await store.FindAsync("k1", CancellationToken.None);
        Assert.Equal((OutboxState.Failed, 3), (entry!.State, entry.Attempts));
        Assert.Contains("503", entry.Error);
        Assert.True(Interlocked.Read(ref count) >= 1);
    }

    [Fact]
    public async Task Recovery_RetriesOnALaterPass_AndGivesUpAfterTheAttemptLimit()
    {
        var time = new FakeTimeProvider(Start);
        var store = new InMemoryOutboxStore();
        var options = new OutboxOptions { MaxAttempts = 3 };
        await store.RecordAsync(Message("k1"), "dead", Start, Start, CancellationToken.None);
        var sender = new FakeSender { Fail = _ => new TransientDeliveryException("503") };
        var outbox = New(time, store, sender, options);

        for (var pass = 0; pass < 10 && (await store.FindAsync("k1", CancellationToken.None))!.State == OutboxState.Pending; pass++)
        {
            await outbox.RecoverAsync(CancellationToken.None);
            time.Advance(options.MaxBackoff);
        }

        Assert.Equal(3, sender.Attempts.Count);
        Assert.Equal(OutboxState.Failed, (await store.FindAsync("k1", CancellationToken.None))!.State);
    }

    [Fact]
    public async Task RecoveryWorker_RenewsLiveLeases_SoALongLiveDeliveryIsNotClaimedElsewhere()
    {
        var time = new FakeTimeProvider(Start);
        var store = new InMemoryOutboxStore();
        var release = new TaskCompletionSource();
        var slow = new FakeSender { OnSend = _ => release.Task };
        var live = New(time, store, slow);
        using var worker = new OutboxRecovery(live, time, NullLogger<OutboxRecovery>.Instance);
        await worker.StartAsync(CancellationToken.None);
        var send = live.SendAsync(Message("k1"), CancellationToken.None);
        await SloBot.Testing.Poll.UntilAsync(() => !slow.Attempts.IsEmpty, "the live attempt");

        var other = new FakeSender();
        var elsewhere = New(time, store, other);
        for (var i = 0; i < 30; i++)
        {
            time.Advance(TimeSpan.FromSeconds(10));
            await SloBot.Testing.Poll.UntilAsync(() => store.FindAsync("k1", CancellationToken.None).Result!.LeaseUntil > time.GetUtcNow(), "a renewed lease");
            await elsewhere.RecoverAsync(CancellationToken.None);
        }

        release.SetResult();
        await send;
        await worker.StopAsync(CancellationToken.None);
        Assert.Empty(other.Attempts);
        Assert.Single(slow.Attempts);
    }

    [Fact]
    public async Task CancelledCaller_ReleasesTheEntry_ForTheNextRecoveryPass()
    {
        var time = new FakeTimeProvider(Start);
        var store = new InMemoryOutboxStore();
        var sender = new FakeSender { Fail = _ => new TransientDeliveryException("timed out") };
        var outbox = New(time, store, sender);
        using var stop = new CancellationTokenSource();

        var send = outbox.SendAsync(Message("k1"), stop.Token);
        await SloBot.Testing.Poll.UntilAsync(() => !sender.Attempts.IsEmpty, "the first attempt");
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send);
        sender.Fail = _ => null;
        time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(1, await outbox.RecoverAsync(CancellationToken.None));
        Assert.True(sender.Attempts.Last().MayHaveLanded);
    }

    private static Outbox New(TimeProvider time, IOutboxStore store, FakeSender sender, OutboxOptions? options = null) =>
        new(time, NullLogger<Outbox>.Instance, options, store, [sender]);

    private static OutboxMessage Message(string key) => new("test", "test:C1", key, "{}");

    private sealed class FakeSender : IOutboxSender
    {
        private int _ids;

        public string Platform => "test";

        public ConcurrentQueue<OutboxAttempt> Attempts { get; } = new();

        public Func<int, Exception?> Fail { get; set; } = _ => null;

        public Func<OutboxAttempt, Task> OnSend { get; set; } = _ => Task.CompletedTask;

        public async Task<string> SendAsync(OutboxAttempt attempt, CancellationToken cancellationToken)
        {
            Attempts.Enqueue(attempt);
            await OnSend(attempt);
            if (Fail(Attempts.Count) is { } ex)
                throw ex;
            return $"M{Interlocked.Increment(ref _ids)}";
        }
    }
}
