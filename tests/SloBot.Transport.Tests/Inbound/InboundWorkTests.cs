using Microsoft.Extensions.Time.Testing;
using SloBot.Testing;
using SloBot.Transport.Inbound;

namespace SloBot.Transport.Tests.Inbound;

public sealed class InboundWorkTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task TryEnqueue_MoreWorkThanTurns_RunsAtMostMaxConcurrencyAtOnce()
    {
        using var work = new InboundWork(2, _time);
        var gates = Enumerable.Range(0, 6).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        int running = 0, most = 0, started = 0;
        foreach (var gate in gates)
        {
            Assert.True(work.TryEnqueue(async _ =>
            {
                var now = Interlocked.Increment(ref running);
                InterlockedMax(ref most, now);
                Interlocked.Increment(ref started);
                await gate.Task;
                Interlocked.Decrement(ref running);
            }));
        }

        Assert.Equal(6, work.InFlight);
        for (var i = 0; i < gates.Length; i++)
        {
            await Poll.UntilAsync(() => Volatile.Read(ref started) >= Math.Min(i + 2, gates.Length), $"work {i + 1} running");
            gates[i].SetResult();
        }

        await Poll.UntilAsync(() => work.InFlight == 0, "all work done");
        Assert.Equal(2, most);
        Assert.Equal(6, started);
    }

    [Fact]
    public async Task TryEnqueue_RunsInArrivalOrder()
    {
        using var work = new InboundWork(1, _time);
        var order = new List<int>();
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        work.TryEnqueue(_ => hold.Task);
        for (var i = 0; i < 20; i++)
        {
            var n = i;
            work.TryEnqueue(_ =>
            {
                lock (order)
                    order.Add(n);
                return Task.CompletedTask;
            });
        }

        hold.SetResult();

        await Poll.UntilAsync(() => work.InFlight == 0, "all work done");
        Assert.Equal(Enumerable.Range(0, 20), order);
    }

    [Fact]
    public async Task DrainAsync_WaitsForRunningWork_AndTakesNoNewWork()
    {
        using var work = new InboundWork(2, _time);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sawStopping = false;
        work.TryEnqueue(async stopping =>
        {
            entered.SetResult();
            await finish.Task;
            sawStopping = stopping.IsCancellationRequested;
        });
        await entered.Task.WaitAsync(Poll.DefaultLimit);

        var drain = work.DrainAsync(CancellationToken.None);
        Assert.False(drain.IsCompleted);
        Assert.False(work.TryEnqueue(_ => Task.CompletedTask));

        finish.SetResult();
        var result = await drain.WaitAsync(Poll.DefaultLimit);

        Assert.Equal(new InboundDrain(0, 0), result);
        Assert.False(result.Cut);
        Assert.False(sawStopping);
        Assert.Equal(0, work.InFlight);
    }

    [Fact]
    public async Task DrainAsync_WorkTrackedWhileDraining_IsWaitedForToo()
    {
        using var work = new InboundWork(1, _time);
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var late = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = work.Track(first.Task);
        var drain = work.DrainAsync(CancellationToken.None);

        _ = work.Track(late.Task); // an HTTP request accepted before the server stopped
        first.SetResult();
        await Poll.UntilAsync(() => work.InFlight == 1, "the first work done");
        Assert.False(drain.IsCompleted);

        late.SetResult();
        Assert.Equal(new InboundDrain(0, 0), await drain.WaitAsync(Poll.DefaultLimit));
    }

    [Fact]
    public async Task DrainAsync_GraceEnds_CancelsStoppingAndWaitsForTheRestartNotices()
    {
        using var work = new InboundWork(1, _time);
        var noticeSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var queuedSawStopping = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        work.TryEnqueue(async stopping =>
        {
            entered.SetResult();
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, stopping);
            }
            catch (OperationCanceledException)
            {
                cancelled.SetResult();
                await noticeSent.Task; // "SloBot is restarting" on its way
            }
        });
        work.TryEnqueue(stopping =>
        {
            queuedSawStopping.SetResult(stopping.IsCancellationRequested); // queued behind: runs after the cut, to tell its asker too
            return Task.CompletedTask;
        });
        await entered.Task.WaitAsync(Poll.DefaultLimit);
        using var grace = new CancellationTokenSource();

        var drain = work.DrainAsync(grace.Token);
        Assert.False(drain.IsCompleted);
        await grace.CancelAsync();
        await cancelled.Task.WaitAsync(Poll.DefaultLimit);
        Assert.True(work.Stopping.IsCancellationRequested);
        Assert.False(drain.IsCompleted); // the notice is still being sent

        noticeSent.SetResult();
        var result = await drain.WaitAsync(Poll.DefaultLimit);

        Assert.True(await queuedSawStopping.Task);
        Assert.Equal(new InboundDrain(Cancelled: 2, Unfinished: 0), result);
        Assert.True(result.Cut);
    }

    [Fact]
    public async Task DrainAsync_NoticeNeverEnds_GivesUpAfterTheRestartNoticeGrace()
    {
        using var work = new InboundWork(1, _time);
        var never = new TaskCompletionSource();
        _ = work.Track(never.Task);
        using var grace = new CancellationTokenSource();
        await grace.CancelAsync();
        var cutAt = _time.GetUtcNow();

        var drain = work.DrainAsync(grace.Token);
        await Poll.UntilAsync(() => drain.IsCompleted, "the drain to give up", between: () => _time.Advance(TimeSpan.FromMilliseconds(500)));

        Assert.Equal(new InboundDrain(Cancelled: 1, Unfinished: 1), await drain);
        Assert.InRange(_time.GetUtcNow() - cutAt, InboundWork.RestartNoticeGrace, InboundWork.RestartNoticeGrace + TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task TurnAsync_HeldTurns_BoundTrackedWorkAndQueuedWorkTogether()
    {
        using var work = new InboundWork(1, _time);
        var turn = await work.TurnAsync(CancellationToken.None);
        var ran = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        work.TryEnqueue(_ =>
        {
            ran.SetResult();
            return Task.CompletedTask;
        });
        var next = work.TurnAsync(CancellationToken.None);
        Assert.False(next.IsCompleted);

        turn.Dispose();
        await ran.Task.WaitAsync(Poll.DefaultLimit); // first come, first served: the queued work had the turn first
        (await next.WaitAsync(Poll.DefaultLimit)).Dispose();
    }

    [Fact]
    public async Task TurnAsync_CancelledWhileWaiting_Throws()
    {
        using var work = new InboundWork(1, _time);
        using var turn = await work.TurnAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var waiting = work.TurnAsync(cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
