using SloBot.Chat.Delivery;
using SloBot.Chat.Events;
using SloBot.Chat.Replies;

namespace SloBot.Chat.Conversations;

/// <summary>
/// Optional for transports: a clickable link to a thread (Slack permalink, Discord jump URL). A transport that
/// implements it on its <see cref="IChatTransport"/> class gets links in "this belongs in … thread" answers.
/// </summary>
public interface IThreadLinks
{
    string? LinkTo(ConversationKey thread);
}

/// <summary>
/// Opens threads and posts unprompted messages (reminders, step prompts). It does not retry: the transport does, through
/// its outbox, and the idempotency key becomes the post's <see cref="DeliveryIntent"/>, so it is delivered once.
/// </summary>
public sealed class ThreadPosts(ChatTransports transports)
{
    public IChatTransport? TransportFor(string platform) => transports.For(platform);

    /// <summary>Starts a thread under <paramref name="where"/>'s channel, or returns null when this platform has no transport (the reply then goes where the command was typed).</summary>
    public async Task<ConversationKey?> StartThreadAsync(ConversationKey where, Reply opening, string title, string idempotencyKey, CancellationToken cancellationToken)
    {
        if (TransportFor(where.Platform) is not { } transport)
            return null;
        return await transport.StartThreadAsync(where with { Thread = null }, opening, title, DeliveryIntent.Of(idempotencyKey), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Posts in the thread; false when the platform has no transport here.</summary>
    public async Task<bool> PostAsync(ConversationKey thread, Reply reply, string idempotencyKey, CancellationToken cancellationToken)
    {
        if (TransportFor(thread.Platform) is not { } transport)
            return false;
        await transport.PostAsync(thread, reply, DeliveryIntent.Of(idempotencyKey), cancellationToken).ConfigureAwait(false);
        return true;
    }

    public string LinkTo(ConversationKey thread) =>
        (TransportFor(thread.Platform) as IThreadLinks)?.LinkTo(thread) ?? $"`{thread}`";
}
