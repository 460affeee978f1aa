using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SloBot.Chat.Commands;
using SloBot.Chat.Delivery;
using SloBot.Chat.Events;
using SloBot.Chat.Replies;
using SloBot.Discord.Commands;
using SloBot.Discord.Configuration;
using SloBot.Discord.Delivery;
using SloBot.Discord.Rendering;
using SloBot.Discord.Rest;
using SloBot.Transport.Inbound;

namespace SloBot.Discord.Inbound;

/// <summary>
/// Everything an interaction goes through, whether it came over the Gateway or HTTP: PING → PONG,
/// autocomplete → suggestions, redeliveries dropped, the rest handed to the chat layer with a responder
/// that defers within <see cref="DiscordOptions.DeferAfter"/>. Before the deferral, each interaction is recorded in
/// the <see cref="Inbox"/> with its token, so another process answers it if this one dies (<see cref="ReplayAsync"/>).
/// Nothing thrown here reaches the host.
/// </summary>
internal sealed partial class InteractionRouter(
    IChatEventSink sink,
    IChatAutocomplete autocomplete,
    CommandRouter commands,
    InteractionParser parser,
    EmbedRenderer renderer,
    ButtonIds buttonIds,
    DiscordRestClient rest,
    Outbox outbox,
    IOptions<DiscordOptions> options,
    [FromKeyedServices(DiscordInbound.Work)] InboundWork work,
    TimeProvider time,
    ILogger<InteractionRouter> logger,
    Inbox? inbox = null)
{
    /// <summary>Above this many interactions in progress, defer before running the command so bursts are acknowledged first.</summary>
    private const int BusyThreshold = 8;

    private readonly RecentIds _seen = DiscordInbound.RecentIds(time);
    private int _inFlight;

    /// <summary>
    /// Reads what it needs from <paramref name="interaction"/> before its first await, so the JSON document is not kept
    /// alive while the command waits its turn (in a burst, hundreds of them would survive every garbage collection).
    /// </summary>
    [SuppressMessage("Reliability", "CA2000:Dispose objects before losing scope", Justification = "The responder is handed to RunAsync, which disposes it when the work ends.")]
    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "Nothing thrown while routing an interaction may reach the Gateway loop or the HTTP endpoint (see the class summary).")]
    public Task HandleAsync(JsonObject interaction, InitialResponse initial, CancellationToken cancellationToken)
    {
        var id = InteractionParser.Str(interaction["id"]) ?? "";
        var type = InteractionParser.Int(interaction["type"]);
        try
        {
            if (type == InteractionType.Ping)
                return AnswerAsync(new JsonObject { ["type"] = 1 }, initial, id, type, cancellationToken);
            if (!_seen.TryAdd(id))
            {
                LogDuplicate(logger, id);
                return Task.CompletedTask;
            }

            if (type == InteractionType.Autocomplete)
                return AnswerAsync(Suggestions(interaction["data"]), initial, id, type, cancellationToken);
            var chatEvent = parser.Parse(interaction, commands.Commands, time.GetUtcNow());
            if (chatEvent is null)
            {
                LogUnsupported(logger, id, type);
                return Task.CompletedTask;
            }

            var token = InteractionParser.Str(interaction["token"]) ?? "";
            var applicationId = options.Value.ApplicationId;
            // Written now (not after an await) so the JSON document is not kept alive while the record waits its turn.
            var stored = inbox is null ? null : new InboxMessage(InteractionParser.Platform, DiscordInboxPayload.Key(id), DiscordInboxPayload.Write(id, token, applicationId, interaction));
            return RecordThenRunAsync(chatEvent, stored, () => new InteractionResponder(id, token, applicationId, initial, rest, renderer, outbox, component: chatEvent is ButtonClick), work.Acknowledging(), cancellationToken);
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex, id, type);
            return Task.CompletedTask;
        }
    }

    /// <summary>
    /// Records the interaction in the inbox (the first replica to record an id is the one that answers it), then runs it:
    /// the deferral goes out only after the record. Marks it done when the work ends (answered, failed or told SloBot is
    /// restarting). If the inbox cannot be reached the interaction is still answered here, only not recoverable.
    /// <paramref name="ack"/> is pending from the interaction's arrival until its initial response is sent (or, for one
    /// answered directly, until it is recorded): no command work starts meanwhile.
    /// </summary>
    [SuppressMessage("Reliability", "CA2000:Dispose objects before losing scope", Justification = "The responder is handed to RunAsync, which disposes it when the work ends.")]
    private async Task RecordThenRunAsync(ChatEvent chatEvent, InboxMessage? stored, Func<InteractionResponder> responder, AckGate.Scope ack, CancellationToken cancellationToken)
    {
        using var _ = ack;
        var key = stored?.Key;
        if (inbox is not null && stored is not null)
        {
            try
            {
                if (!await inbox.RecordAsync(stored, cancellationToken).ConfigureAwait(false))
                {
                    LogHandledElsewhere(logger, chatEvent.EventId);
                    return;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return; // shutting down before anything was recorded or sent: Discord shows the interaction failed
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogNotRecorded(logger, chatEvent.EventId, ex.GetType().Name, ex.Message);
                key = null;
            }
        }

        try
        {
            await RunAsync(chatEvent, responder(), ack, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (key is not null)
                await inbox!.CompleteAsync(key).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Answers an interaction another process recorded, deferred and never answered (it died): parsed again from the
    /// stored payload and answered by editing the original response / following up through the interaction webhook
    /// with the stored token. An entry older than <see cref="DiscordInboxPayload.ReplayWithin"/> is not run: its token
    /// is (nearly) expired, so the inbox records it as failed.
    /// </summary>
    public async Task ReplayAsync(InboxEntry entry, CancellationToken cancellationToken)
    {
        var age = time.GetUtcNow() - entry.CreatedAt;
        if (age >= DiscordInboxPayload.ReplayWithin)
            throw new InboxEntryExpiredException($"Discord interaction recorded {age.TotalMinutes:0.#} minutes ago; its token is accepted for {DiscordInboxPayload.TokenLifetime.TotalMinutes:0} minutes");
        if (DiscordInboxPayload.Read(entry.Message.Payload) is not { } stored
            || parser.Parse(stored.Interaction, commands.Commands, entry.CreatedAt) is not { } chatEvent)
        {
            LogUnsupported(logger, entry.Key, null);
            return;
        }

        _seen.TryAdd(stored.Id);
        InitialResponse sent = (_, _) => throw new InvalidOperationException("the initial response of a recovered interaction was sent by the process that recorded it");
        using var responder = new InteractionResponder(stored.Id, stored.Token, stored.ApplicationId, sent, rest, renderer, outbox, component: chatEvent is ButtonClick, deferred: true);
        using (await work.TurnAsync(cancellationToken).ConfigureAwait(false))
        {
            chatEvent = await ResolveAsync(chatEvent, cancellationToken).ConfigureAwait(false);
            await sink.HandleAsync(chatEvent, responder, cancellationToken).ConfigureAwait(false);
        }

        if (!responder.Responded)
            await responder.AcknowledgeAsync(chatEvent is ButtonClick or ModalSubmit, cancellationToken).ConfigureAwait(false);
    }

    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "An autocomplete answer that fails is logged; the user simply sees no suggestions.")]
    private async Task AnswerAsync(JsonObject callback, InitialResponse initial, string id, int? type, CancellationToken cancellationToken)
    {
        try
        {
            await initial(callback, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // shutting down
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex, id, type);
        }
    }

    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "Background work of one interaction: failures are logged, never thrown into a fire-and-forget task.")]
    private async Task RunAsync(ChatEvent chatEvent, InteractionResponder responder, AckGate.Scope ack, CancellationToken cancellationToken)
    {
        using (responder)
        {
            try
            {
                await HandleEventAsync(chatEvent, responder, ack, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // shutting down
            }
            catch (Exception ex)
            {
                LogFailed(logger, ex, chatEvent.EventId, null);
            }
        }
    }

    private async Task HandleEventAsync(ChatEvent chatEvent, InteractionResponder responder, AckGate.Scope ack, CancellationToken cancellationToken)
    {
        using var deferral = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timer = Task.CompletedTask;
        try
        {
            // A burst (other interactions arriving, or many in progress): acknowledge first, work later.
            if (Interlocked.Increment(ref _inFlight) > BusyThreshold || work.AcksPending > 1)
            {
                using (ack)
                    await responder.DeferAsync(ephemeral: false, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                ack.Dispose(); // answered directly if it is quick, deferred after DeferAfter if not
                timer = DeferLaterAsync(responder, deferral.Token);
            }

            // Commands run at most DiscordOptions.MaxConcurrentEvents at a time, once no initial response is pending, so a
            // burst's initial responses never queue behind its work.
            using (await work.TurnAsync(cancellationToken).ConfigureAwait(false))
            {
                chatEvent = await ResolveAsync(chatEvent, cancellationToken).ConfigureAwait(false);
                await sink.HandleAsync(chatEvent, responder, cancellationToken).ConfigureAwait(false);
            }

            if (!responder.Responded)
                await responder.AcknowledgeAsync(chatEvent is ButtonClick or ModalSubmit, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, ex, chatEvent.EventId, null);
            if (!responder.Responded)
            {
                var sorry = Reply.SourceFailed($"SloBot could not deliver its answer to Discord (event {chatEvent.EventId}). The error is logged; please try again.");
                await responder.RespondAsync(sorry, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            await deferral.CancelAsync().ConfigureAwait(false);
            await timer.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A click on a button whose custom_id is hashed and was not in memory when parsed (issued before a restart or by
    /// another replica): its action and value from the <see cref="IButtonValueStore"/>. One found nowhere stays as it is,
    /// and the chat layer answers that the button no longer does anything. A selected option (a select menu) keeps its value.
    /// </summary>
    private async Task<ChatEvent> ResolveAsync(ChatEvent chatEvent, CancellationToken cancellationToken)
    {
        if (chatEvent is not ButtonClick click || !ButtonIds.IsHashed(click.ActionId))
            return chatEvent;
        if (await buttonIds.ResolveAsync(click.ActionId, cancellationToken).ConfigureAwait(false) is not { } pair)
        {
            LogUnknownButton(logger, click.EventId, click.ActionId);
            return chatEvent;
        }

        return click with { ActionId = pair.Action, Value = click.Value ?? pair.Value };
    }

    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "A failed deferral is logged; the answer itself still goes out through the responder.")]
    private async Task DeferLaterAsync(InteractionResponder responder, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(options.Value.DeferAfter, time, cancellationToken).ConfigureAwait(false);
            await responder.DeferAsync(ephemeral: false, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // the reply was ready first
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex, "deferral", null);
        }
    }

    private JsonObject Suggestions(JsonNode? data)
    {
        var choices = new JsonArray();
        if (CommandText.Focused(data, parser.Layout(commands.Commands)) is { } focused)
        {
            foreach (var s in autocomplete.Suggest(focused.Command, focused.Option, focused.Typed).Take(25))
                choices.Add(new JsonObject { ["name"] = s.Length > 100 ? s[..100] : s, ["value"] = s.Length > 100 ? s[..100] : s });
        }

        return new JsonObject { ["type"] = 8, ["data"] = new JsonObject { ["choices"] = choices } };
    }

    [LoggerMessage(EventId = 4303, Level = LogLevel.Debug, Message = "Discord interaction {InteractionId} was recorded by another SloBot on the same storage; ignored")]
    private static partial void LogHandledElsewhere(ILogger logger, string interactionId);

    [LoggerMessage(EventId = 4304, Level = LogLevel.Warning, Message = "Discord interaction {InteractionId} could not be recorded in the inbox ({Kind}: {Reason}); answered here, but not recoverable if this process dies")]
    private static partial void LogNotRecorded(ILogger logger, string interactionId, string kind, string reason);

    [LoggerMessage(EventId = 4305, Level = LogLevel.Information, Message = "Discord interaction {InteractionId} clicked button {CustomId}, which neither this SloBot nor its storage knows; answered that it no longer does anything")]
    private static partial void LogUnknownButton(ILogger logger, string interactionId, string customId);

    [LoggerMessage(EventId = 4300, Level = LogLevel.Debug, Message = "Discord interaction {InteractionId} was delivered again; ignored")]
    private static partial void LogDuplicate(ILogger logger, string interactionId);

    [LoggerMessage(EventId = 4301, Level = LogLevel.Information, Message = "Discord interaction {InteractionId} of type {Type} is not one SloBot handles")]
    private static partial void LogUnsupported(ILogger logger, string interactionId, int? type);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Error, Message = "Discord interaction {InteractionId} (type {Type}) failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string interactionId, int? type);
}
