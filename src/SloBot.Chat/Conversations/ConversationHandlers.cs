using SloBot.Chat.Commands;
using SloBot.Chat.Events;
using SloBot.Chat.Replies;

namespace SloBot.Chat.Conversations;

/// <summary>Thread replies go to the conversation bound to the thread (if any).</summary>
internal sealed class ConversationMessages(ConversationEngine engine) : IThreadMessageHandler
{
    public Task<Reply?> HandleAsync(ThreadMessage message, CancellationToken cancellationToken) =>
        engine.HandleMessageAsync(message, cancellationToken);

    public Task<bool> OwnsThreadAsync(ThreadMessage message, CancellationToken cancellationToken) =>
        engine.HasActiveAsync(message.Where, cancellationToken);
}

/// <summary>Step buttons (<c>conv:…</c>); stale and double clicks answer "that step is already done".</summary>
internal sealed class ConversationButtons(ConversationEngine engine) : IButtonHandler
{
    public const string Prefix = "conv";

    public string ActionPrefix => Prefix;

    public async Task<Reply?> HandleAsync(ButtonClick click, CancellationToken cancellationToken) =>
        await engine.HandleButtonAsync(click, cancellationToken).ConfigureAwait(false);
}
