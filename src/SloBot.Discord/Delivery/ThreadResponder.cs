using SloBot.Chat.Delivery;
using SloBot.Chat.Events;
using SloBot.Chat.Replies;

namespace SloBot.Discord.Delivery;

/// <summary>Answers a thread message by posting in the thread.</summary>
internal sealed class ThreadResponder(IChatTransport transport, ConversationKey where) : IChatResponder
{
    public Task RespondAsync(Reply reply, CancellationToken cancellationToken) => transport.PostAsync(where, reply, cancellationToken);
}
