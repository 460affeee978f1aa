using SloBot.Chat.Conversations;
using SloBot.Chat.Delivery;
using SloBot.Chat.Events;
using SloBot.Chat.Replies;
using SloBot.Slack.Inbound;

namespace SloBot.Slack.Delivery;

/// <summary>SloBot posting to Slack unprompted (threads, schedules): chat.postMessage through the outbox; permalinks to threads.</summary>
internal sealed class SlackTransport(SlackDelivery delivery, SlackWorkspace workspace) : IChatTransport, IThreadLinks
{
    public string? LinkTo(ConversationKey thread) => workspace.LinkTo(thread);

    public string Platform => SlackPayloads.Platform;

    /// <summary>The intent's key is the outbox key (each piece gets <c>:0</c>, <c>:1</c>, …) and goes in the message's metadata.</summary>
    public Task<PostedMessage> PostAsync(ConversationKey where, Reply reply, DeliveryIntent intent, CancellationToken cancellationToken) =>
        delivery.PostAsync(where, reply, intent.Key, cancellationToken);

    /// <summary>Slack has no thread object: the opening message is posted and its ts becomes the thread.</summary>
    public async Task<ConversationKey> StartThreadAsync(ConversationKey channel, Reply opening, string title, DeliveryIntent intent, CancellationToken cancellationToken)
    {
        var first = opening.Header is null ? opening with { Header = title } : opening;
        var posted = await PostAsync(channel with { Thread = null }, first, intent, cancellationToken).ConfigureAwait(false);
        return channel with { Thread = posted.MessageId };
    }
}

/// <summary>
/// Answers one event; each answer gets its own idempotency key derived from the event id. When no answer has started
/// <see cref="Configuration.SlackOptions.StillWorkingAfter"/> after Slack delivered the event (a slow data source, or a
/// burst queued ahead of it), the asker is told privately that SloBot is still working (<see cref="Watch"/>).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "_watch is a plain CancellationTokenSource (not linked, no timer, its wait handle never read): it holds nothing to release.")]
internal sealed class SlackResponder(InboundEvent inbound, SlackDelivery delivery) : IChatResponder
{
    /// <summary>The private notice sent when an answer is slow.</summary>
    internal const string StillWorkingText = "⏳ Still working on it: this is taking longer than usual. The answer will follow here.";

    private int _answers;
    private int _noticeState; // 0: not sent, 1: being sent or sent, 2: too late (an answer started first)
    private Task _notice = Task.CompletedTask;
    private CancellationTokenSource? _watch;
    private Task _watching = Task.CompletedTask;

    public async Task RespondAsync(Reply reply, CancellationToken cancellationToken)
    {
        var index = Interlocked.Increment(ref _answers);
        if (Interlocked.CompareExchange(ref _noticeState, 2, 0) == 1)
            await Volatile.Read(ref _notice).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing); // the answer lands after the notice, never before it
        await delivery.RespondAsync(inbound.Target, reply, DeliveryIntent.Reply(inbound.Event.EventId, index).Key, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts the still-working clock when the event is accepted (so time spent queued counts): after
    /// <paramref name="after"/> from Slack's delivery with no answer started, the notice goes out. Only for what someone
    /// asked SloBot (commands, clicks, forms, mentions), never for thread chatter; zero turns it off.
    /// </summary>
    public void Watch(TimeSpan after, TimeProvider time, CancellationToken stopping)
    {
        if (after <= TimeSpan.Zero || inbound.Event is ThreadMessage { Mentioned: false } || _watch is not null)
            return;
        _watch = new CancellationTokenSource(); // not linked to stopping: the work's end (drain included) stops the watch
        _watching = NoticeAsync(after - (time.GetUtcNow() - inbound.Event.ReceivedAt), time, _watch.Token, stopping);
    }

    /// <summary>The event's work is over (answered, nothing to say, or handled elsewhere): no notice from now on.</summary>
    public async Task StopWatchingAsync()
    {
        if (_watch is null)
            return;
        await _watch.CancelAsync().ConfigureAwait(false);
        await _watching.ConfigureAwait(false);
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "The notice is a courtesy: if it cannot be sent the answer still is, and the delivery failure is logged by the outbox.")]
    private async Task NoticeAsync(TimeSpan wait, TimeProvider time, CancellationToken answered, CancellationToken stopping)
    {
        try
        {
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait, time, answered).ConfigureAwait(false);
            if (answered.IsCancellationRequested)
                return;
            var sent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _notice, sent.Task);
            if (Interlocked.CompareExchange(ref _noticeState, 1, 0) != 0)
                return; // an answer started first
            try
            {
                var notice = Reply.Text(StillWorkingText) with { Ephemeral = true };
                await delivery.RespondAsync(inbound.Target, notice, DeliveryIntent.Reply(inbound.Event.EventId, 0).Key, stopping).ConfigureAwait(false);
            }
            finally
            {
                sent.TrySetResult();
            }
        }
        catch (Exception)
        {
            // answered first, shutting down, or the notice could not be delivered: the answer is what matters
        }
    }
}
