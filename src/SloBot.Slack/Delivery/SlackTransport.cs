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

/// <summary>Answers one event; each answer gets its own idempotency key derived from the event id.</summary>
internal sealed class SlackResponder(InboundEvent inbound, SlackDelivery delivery) : IChatResponder
{
    /// <summary>The private notice sent when an answer is slow (<see cref="Configuration.SlackOptions.StillWorkingAfter"/>).</summary>
    internal const string StillWorkingText = "⏳ Still working on it: this is taking longer than usual. The answer will follow here.";

    private int _answers;
    private int _noticeState; // 0: not sent, 1: being sent or sent, 2: too late (an answer started first)
    private Task _notice = Task.CompletedTask;

    public async Task RespondAsync(Reply reply, CancellationToken cancellationToken)
    {
        var index = Interlocked.Increment(ref _answers);
        if (Interlocked.CompareExchange(ref _noticeState, 2, 0) == 1)
            await Volatile.Read(ref _notice).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing); // the answer lands after the notice, never before it
        await delivery.RespondAsync(inbound.Target, reply, DeliveryIntent.Reply(inbound.Event.EventId, index).Key, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <paramref name="work"/>; when no answer has started <paramref name="after"/> past the moment Slack delivered
    /// the event (a slow data source, or a burst queued ahead of it), tells the asker privately that SloBot is still
    /// working. Only for what someone asked SloBot (commands, clicks, forms, mentions), never for thread chatter.
    /// </summary>
    public async Task RunAsync(Func<Task> work, TimeSpan after, TimeProvider time, CancellationToken cancellationToken)
    {
        if (after <= TimeSpan.Zero || inbound.Event is ThreadMessage { Mentioned: false })
        {
            await work().ConfigureAwait(false);
            return;
        }

        using var answered = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var notice = NoticeAsync(after - (time.GetUtcNow() - inbound.Event.ReceivedAt), time, answered.Token, cancellationToken);
        try
        {
            await work().ConfigureAwait(false);
        }
        finally
        {
            await answered.CancelAsync().ConfigureAwait(false);
            await notice.ConfigureAwait(false);
        }
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
