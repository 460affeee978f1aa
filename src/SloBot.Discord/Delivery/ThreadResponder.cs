using SloBot.Chat.Delivery;
using SloBot.Chat.Events;
using SloBot.Chat.Replies;

namespace SloBot.Discord.Delivery;

/// <summary>Answers a thread message by posting in the thread; each answer's intent is the message id and its index.</summary>
internal sealed class ThreadResponder(IChatTransport transport, ConversationKey where, string messageId) : IChatResponder
{
    private int _answers;

    public Task RespondAsync(Reply reply, CancellationToken cancellationToken) =>
        transport.PostAsync(where, reply, DeliveryIntent.Reply("discord:" + messageId, Interlocked.Increment(ref _answers)), cancellationToken);
}
