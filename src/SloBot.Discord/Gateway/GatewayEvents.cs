using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using SloBot.Chat.Delivery;
using SloBot.Chat.Events;
using SloBot.Discord.Delivery;
using SloBot.Discord.Inbound;
using SloBot.Discord.Rest;

namespace SloBot.Discord.Gateway;

/// <summary>
/// Gateway dispatches SloBot consumes: INTERACTION_CREATE (answered over REST, never on the socket),
/// MESSAGE_CREATE in the bot's threads (→ <see cref="ThreadMessage"/>), and THREAD_CREATE / GUILD_CREATE to learn
/// those threads. Handlers run off the receive loop so a slow command never delays heartbeats.
/// </summary>
internal sealed partial class GatewayEvents(
    InteractionRouter interactions,
    IChatEventSink sink,
    DiscordTransport transport,
    BotThreads threads,
    DiscordRestClient rest,
    TimeProvider time,
    ILogger<GatewayEvents> logger)
{
    private readonly RecentIds _messages = new();
    private CancellationToken _stopping;

    public void StopWith(CancellationToken stopping) => _stopping = stopping;

    public void Ready(JsonObject? ready) => threads.BotUserId = InteractionParser.Str(ready?["user"]?["id"]);

    public void Handle(string type, JsonObject data)
    {
        switch (type)
        {
            case "INTERACTION_CREATE":
                // Fair (FIFO) queueing: Task.Run from the receive loop's thread would queue locally, and that thread
                // takes its newest item first, so the first interactions of a burst would be answered last.
                _ = Task.Factory.StartNew(() => interactions.HandleAsync(data, CallbackAsync(data), _stopping), CancellationToken.None, TaskCreationOptions.PreferFairness | TaskCreationOptions.DenyChildAttach, TaskScheduler.Default).Unwrap();
                break;
            case "MESSAGE_CREATE":
                if (ThreadMessageOf(data) is { } message)
                    _ = Task.Run(() => HandleMessageAsync(message), CancellationToken.None);
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

    private InitialResponse CallbackAsync(JsonObject interaction)
    {
        var route = DiscordRoute.InteractionCallback(InteractionParser.Str(interaction["id"]) ?? "", InteractionParser.Str(interaction["token"]) ?? "");
        return async (callback, ct) => await rest.SendJsonAsync(route, callback, ct).ConfigureAwait(false);
    }

    private ThreadMessage? ThreadMessageOf(JsonObject message)
    {
        var channel = InteractionParser.Str(message["channel_id"]);
        var author = message["author"];
        if (channel is null || !threads.TryGetParent(channel, out var parent))
            return null;
        if (InteractionParser.Str(InteractionParser.Get(author, "id")) == threads.BotUserId || (InteractionParser.Get(author, "bot") is JsonValue bot && bot.TryGetValue<bool>(out var isBot) && isBot) || message["webhook_id"] is not null)
            return null;
        var id = InteractionParser.Str(message["id"]) ?? "";
        if (!_messages.TryAdd(id))
            return null;
        return new ThreadMessage(id, new ConversationKey(InteractionParser.Platform, parent, channel), InteractionParser.User(message), time.GetUtcNow(), InteractionParser.Str(message["content"]) ?? "");
    }

    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "One failing thread message is logged; the Gateway loop goes on with the next event.")]
    private async Task HandleMessageAsync(ThreadMessage message)
    {
        try
        {
            await sink.HandleAsync(message, new ThreadResponder(transport, message.Where), _stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // shutting down
        }
        catch (Exception ex)
        {
            LogMessageFailed(logger, ex, message.EventId);
        }
    }

    [LoggerMessage(EventId = 4600, Level = LogLevel.Error, Message = "Discord thread message {MessageId} failed")]
    private static partial void LogMessageFailed(ILogger logger, Exception exception, string messageId);
}
