using System.Globalization;
using System.Text.Json.Nodes;
using SloBot.Chat.Conversations;
using SloBot.Chat.Delivery;
using SloBot.Chat.Events;
using SloBot.Chat.Replies;
using SloBot.Discord.Inbound;
using SloBot.Discord.Rendering;
using SloBot.Discord.Rest;

namespace SloBot.Discord.Delivery;

/// <summary>
/// Posts unprompted messages and starts threads on Discord. Every message goes through the outbox on the
/// channel's lane (ordered, retried) with a nonce derived from the post's <see cref="DeliveryIntent"/> that Discord
/// enforces, so a retry after a lost response, or the same intent posted again, is not a duplicate. Channel posts are
/// recorded in the persisted outbox (<see cref="DiscordOutboxSender"/> sends them, now or after a restart); starting a
/// thread on a posted message is retried in this process only.
/// </summary>
internal sealed class DiscordTransport(DiscordRestClient rest, EmbedRenderer renderer, Outbox outbox, BotThreads threads) : IChatTransport, IThreadLinks
{
    public string? LinkTo(ConversationKey thread) => thread.Thread is { } id ? threads.LinkTo(id) : null;

    /// <summary>Threads auto-archive after a day without messages.</summary>
    private const int AutoArchiveMinutes = 1440;

    public string Platform => InteractionParser.Platform;

    /// <summary>Each piece of the reply has its own nonce, hashed from the intent's key and the piece's index.</summary>
    public async Task<PostedMessage> PostAsync(ConversationKey where, Reply reply, DeliveryIntent intent, CancellationToken cancellationToken)
    {
        var channel = where.Thread ?? where.Channel;
        string? first = null;
        var messages = await renderer.RenderAsync(reply, cancellationToken).ConfigureAwait(false);
        foreach (var (message, i) in messages.Select((m, i) => (m, i)))
        {
            var nonce = DiscordNonce.For(intent.Part(i.ToString(CultureInfo.InvariantCulture)));
            var recorded = new OutboxMessage(Platform, Lane(channel), $"discord:nonce:{channel}:{nonce}", DiscordOutboxSender.Payload(channel, message, nonce));
            first ??= await outbox.SendAsync(recorded, cancellationToken).ConfigureAwait(false);
        }

        return new PostedMessage(where, first!);
    }

    public async Task<ConversationKey> StartThreadAsync(ConversationKey channel, Reply opening, string title, DeliveryIntent intent, CancellationToken cancellationToken)
    {
        var parent = channel with { Thread = null };
        var posted = await PostAsync(parent, opening, intent, cancellationToken).ConfigureAwait(false);
        return await StartThreadOnAsync(parent, posted.MessageId, title, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts a public thread on a message of <paramref name="parent"/> (SloBot's own, or one that mentions it).</summary>
    public async Task<ConversationKey> StartThreadOnAsync(ConversationKey parent, string messageId, string title, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["name"] = string.IsNullOrWhiteSpace(title) ? "SloBot" : title.Length > 100 ? title[..99] + "…" : title,
            ["auto_archive_duration"] = AutoArchiveMinutes,
        };
        var thread = await outbox.SendAsync(
            Lane(parent.Channel),
            $"discord:thread:{messageId}",
            ct => rest.SendJsonAsync(DiscordRoute.StartThread(parent.Channel, messageId), body, ct),
            cancellationToken).ConfigureAwait(false);
        var threadId = thread?["id"]?.GetValue<string>() ?? messageId; // a thread started from a message has its id
        threads.Add(threadId, parent.Channel, InteractionParser.Str(thread?["guild_id"]));
        return parent with { Thread = threadId };
    }

    private static string Lane(string channel) => $"discord:{channel}";
}
