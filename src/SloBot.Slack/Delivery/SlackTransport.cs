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
    private int _answers;

    public Task RespondAsync(Reply reply, CancellationToken cancellationToken) =>
        delivery.RespondAsync(inbound.Target, reply, DeliveryIntent.Reply(inbound.Event.EventId, Interlocked.Increment(ref _answers)).Key, cancellationToken);
}
