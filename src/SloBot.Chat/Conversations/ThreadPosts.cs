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

/// <summary>Opens threads and posts unprompted messages (reminders, step prompts) through the outbox.</summary>
public sealed class ThreadPosts(ChatTransports transports, Outbox outbox)
{
    public IChatTransport? TransportFor(string platform) => transports.For(platform);

    /// <summary>Starts a thread under <paramref name="where"/>'s channel, or returns null when this platform has no transport (the reply then goes where the command was typed).</summary>
    public async Task<ConversationKey?> StartThreadAsync(ConversationKey where, Reply opening, string title, string idempotencyKey, CancellationToken cancellationToken)
    {
        if (TransportFor(where.Platform) is not { } transport)
            return null;
        return await outbox.SendAsync(
            Lane(where),
            idempotencyKey,
            ct => transport.StartThreadAsync(where with { Thread = null }, opening, title, ct),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Posts in the thread; false when the platform has no transport here.</summary>
    public async Task<bool> PostAsync(ConversationKey thread, Reply reply, string idempotencyKey, CancellationToken cancellationToken)
    {
        if (TransportFor(thread.Platform) is not { } transport)
            return false;
        await outbox.SendAsync(Lane(thread), idempotencyKey, ct => transport.PostAsync(thread, reply, ct), cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Our own lane: transports use the outbox per channel too, and a lane is not re-entrant.</summary>
    private static string Lane(ConversationKey where) => "conversation:" + where;

    public string LinkTo(ConversationKey thread) =>
        (TransportFor(thread.Platform) as IThreadLinks)?.LinkTo(thread) ?? $"`{thread}`";
}
