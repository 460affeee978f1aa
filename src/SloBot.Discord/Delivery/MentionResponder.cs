using SloBot.Chat.Delivery;
using SloBot.Chat.Events;
using SloBot.Chat.Replies;

namespace SloBot.Discord.Delivery;

/// <summary>
/// Answers a message that mentioned SloBot outside its threads: the first reply starts a public thread on that message
/// (whose id the thread takes, so <paramref name="thread"/> is its key already) and every reply goes into it.
/// </summary>
internal sealed class MentionResponder(DiscordTransport transport, ConversationKey thread, string text) : IChatResponder
{
    private readonly Lock _lock = new();
    private Task<ConversationKey>? _started;
    private int _answers;

    public async Task RespondAsync(Reply reply, CancellationToken cancellationToken)
    {
        Task<ConversationKey> started;
        lock (_lock)
        {
            if (_started is null || _started.IsFaulted || _started.IsCanceled)
                _started = transport.StartThreadOnAsync(thread with { Thread = null }, thread.Thread!, Title(reply), cancellationToken);
            started = _started;
        }

        var intent = DeliveryIntent.Reply("discord:" + thread.Thread, Interlocked.Increment(ref _answers));
        await transport.PostAsync(await started.ConfigureAwait(false), reply, intent, cancellationToken).ConfigureAwait(false);
    }

    private string Title(Reply reply) => reply.Header ?? (text.Length == 0 ? "SloBot" : "SloBot: " + text);
}
