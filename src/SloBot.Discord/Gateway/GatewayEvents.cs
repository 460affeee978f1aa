using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SloBot.Chat.Delivery;
using SloBot.Chat.Events;
using SloBot.Discord.Delivery;
using SloBot.Discord.Inbound;
using SloBot.Discord.Rest;
using SloBot.Transport.Inbound;
using SloBot.Transport.Telemetry;

namespace SloBot.Discord.Gateway;

/// <summary>
/// Gateway dispatches SloBot consumes: INTERACTION_CREATE (answered over REST, never on the socket),
/// MESSAGE_CREATE in the bot's threads or mentioning the bot (→ <see cref="ThreadMessage"/>), and THREAD_CREATE / GUILD_CREATE to learn
/// those threads. Handlers run off the receive loop so a slow command never delays heartbeats.
/// </summary>
internal sealed partial class GatewayEvents(
    InteractionRouter interactions,
    IChatEventSink sink,
    DiscordTransport transport,
    BotThreads threads,
    DiscordRestClient rest,
    [FromKeyedServices(DiscordInbound.Work)] InboundWork work,
    TimeProvider time,
    ILogger<GatewayEvents> logger)
{
    private readonly RecentIds _messages = DiscordInbound.RecentIds(time);

    public void Ready(JsonObject? ready) => threads.BotUserId = InteractionParser.Str(ready?["user"]?["id"]);

    public void Handle(string type, JsonObject data)
    {
        switch (type)
        {
            case "INTERACTION_CREATE":
                // On the receive loop up to the inbox record (parsed and queued for the burst's shared insert, well under a
                // millisecond), so the interactions of a burst are recorded and deferred in arrival order; the command work
                // runs later on the thread pool.
                work.Track(interactions.HandleAsync(data, CallbackAsync(data, time.GetTimestamp()), work.Stopping));
                break;
            case "MESSAGE_CREATE":
                if (ThreadMessageOf(data) is { } message && !work.TryEnqueue(stopping => HandleMessageAsync(message.Message, message.Responder, stopping)))
                    LogRefusedAtShutdown(logger, message.Message.EventId);
                break;
            case "THREAD_CREATE":
                threads.Observe(data);
                break;
            case "GUILD_CREATE":
                foreach (var thread in data["threads"] as JsonArray ?? [])
                    threads.Observe(thread);
                break;
        }
    }

    /// <summary>The initial response over REST; its latency from the dispatch's arrival is the Gateway's ack latency.</summary>
    private InitialResponse CallbackAsync(JsonObject interaction, long arrived)
    {
        var route = DiscordRoute.InteractionCallback(InteractionParser.Str(interaction["id"]) ?? "", InteractionParser.Str(interaction["token"]) ?? "");
        return async (callback, ct) =>
        {
            await rest.SendJsonAsync(route, callback, ct).ConfigureAwait(false);
            TransportTelemetry.RecordAck(InteractionParser.Platform, "gateway", time.GetElapsedTime(arrived));
        };
    }

    /// <summary>
    /// A message in one of SloBot's threads, or one elsewhere that mentions SloBot (<c>@SloBot budget payment</c>): that
    /// one is answered in a thread started on it (in place when it was written in a thread SloBot does not own). Only a
    /// leading mention of SloBot itself is dropped from the text; other mentions (an action item's owner) stay.
    /// </summary>
    private (ThreadMessage Message, IChatResponder Responder)? ThreadMessageOf(JsonObject message)
    {
        var channel = InteractionParser.Str(message["channel_id"]);
        var author = message["author"];
        if (channel is null || InteractionParser.Str(InteractionParser.Get(author, "id")) == threads.BotUserId || (InteractionParser.Get(author, "bot") is JsonValue bot && bot.TryGetValue<bool>(out var isBot) && isBot) || message["webhook_id"] is not null)
            return null;
        var raw = InteractionParser.Str(message["content"]) ?? "";
        var mentioned = MentionsBot(message, raw);
        var inBotThread = threads.TryGetParent(channel, out var parent);
        if (!inBotThread && !mentioned)
            return null; // channel chatter is not SloBot's business
        var id = InteractionParser.Str(message["id"]) ?? "";
        if (!_messages.TryAdd(id))
            return null;
        var text = StripLeadingBotMention(raw);
        if (inBotThread)
        {
            var where = new ConversationKey(InteractionParser.Platform, parent, channel);
            return (new ThreadMessage(id, where, InteractionParser.User(message), time.GetUtcNow(), text) { Mentioned = mentioned }, new ThreadResponder(transport, where, id));
        }

        if (InteractionParser.Int(message["channel_type"]) is 10 or 11 or 12)
        {
            // Someone else's thread: answer there, as a command (no conversation of SloBot's lives in it).
            var here = new ConversationKey(InteractionParser.Platform, channel);
            return (new ThreadMessage(id, here, InteractionParser.User(message), time.GetUtcNow(), text) { Mentioned = true }, new ThreadResponder(transport, here, id));
        }

        // A public thread started on a message has the message's id: the conversation's key is known before it exists.
        var thread = new ConversationKey(InteractionParser.Platform, channel, id);
        return (new ThreadMessage(id, thread, InteractionParser.User(message), time.GetUtcNow(), text) { Mentioned = true }, new MentionResponder(transport, thread, text));
    }

    private bool MentionsBot(JsonObject message, string content)
    {
        if (threads.BotUserId is not { } bot)
            return false;
        if (message["mentions"] is JsonArray mentions && mentions.Any(m => InteractionParser.Str(m?["id"]) == bot))
            return true;
        return content.Contains($"<@{bot}>", StringComparison.Ordinal) || content.Contains($"<@!{bot}>", StringComparison.Ordinal);
    }

    private string StripLeadingBotMention(string content)
    {
        var text = content.TrimStart();
        if (threads.BotUserId is { } bot)
        {
            foreach (var mention in (string[])[$"<@{bot}>", $"<@!{bot}>"])
            {
                if (text.StartsWith(mention, StringComparison.Ordinal))
                    return text[mention.Length..].Trim();
            }
        }

        return text.Trim();
    }

    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "One failing thread message is logged; the Gateway loop goes on with the next event.")]
    private async Task HandleMessageAsync(ThreadMessage message, IChatResponder responder, CancellationToken stopping)
    {
        try
        {
            await sink.HandleAsync(message, responder, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // shutting down
        }
        catch (Exception ex)
        {
            LogMessageFailed(logger, ex, message.EventId);
        }
    }

    [LoggerMessage(EventId = 4601, Level = LogLevel.Warning, Message = "Discord thread message {MessageId} arrived during shutdown and was not handled")]
    private static partial void LogRefusedAtShutdown(ILogger logger, string messageId);

    [LoggerMessage(EventId = 4600, Level = LogLevel.Error, Message = "Discord thread message {MessageId} failed")]
    private static partial void LogMessageFailed(ILogger logger, Exception exception, string messageId);
}
