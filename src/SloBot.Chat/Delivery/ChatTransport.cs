using SloBot.Chat.Events;
using SloBot.Chat.Replies;

namespace SloBot.Chat.Delivery;

/// <summary>Answers the one event it was created for (Slack response_url, Discord interaction edit, console print).</summary>
public interface IChatResponder
{
    Task RespondAsync(Reply reply, CancellationToken cancellationToken);
}

/// <summary>A platform SloBot lives on. Transports implement it; the chat layer uses it to post unprompted (threads, schedules).</summary>
public interface IChatTransport
{
    /// <summary>"slack", "discord", "console".</summary>
    string Platform { get; }

    /// <summary>
    /// Posts in a channel or, when <see cref="ConversationKey.Thread"/> is set, in that thread. The transport retries
    /// (through the outbox) and delivers one <paramref name="intent"/> once: callers do not retry.
    /// </summary>
    Task<PostedMessage> PostAsync(ConversationKey where, Reply reply, DeliveryIntent intent, CancellationToken cancellationToken);

    /// <summary>Posts <paramref name="opening"/> in the channel and starts a thread on it; returns the thread's key. Retried and de-duplicated like <see cref="PostAsync"/>.</summary>
    Task<ConversationKey> StartThreadAsync(ConversationKey channel, Reply opening, string title, DeliveryIntent intent, CancellationToken cancellationToken);
}

/// <summary>A message a transport delivered: where, and the platform's id for it (Slack ts, Discord message id).</summary>
public sealed record PostedMessage(ConversationKey Where, string MessageId);

/// <summary>What transports hand every event to, after they acknowledged it. Implemented by the chat layer.</summary>
public interface IChatEventSink
{
    Task HandleAsync(ChatEvent chatEvent, IChatResponder responder, CancellationToken cancellationToken);
}

/// <summary>Suggestions for an option while the user types (Discord autocomplete). Implemented by the chat layer.</summary>
public interface IChatAutocomplete
{
    IReadOnlyList<string> Suggest(string command, string option, string typed);
}
