using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using SloBot.Chat.Commands;
using SloBot.Chat.Delivery;
using SloBot.Chat.Events;
using SloBot.Chat.Replies;
using SloBot.Chat.Telemetry;
using SloBot.Core.Sli;

namespace SloBot.Chat;

/// <summary>
/// The chat layer's front door: every transport hands its events here. Commands go to the router, button
/// clicks and modal submits to the handler that owns their id, thread messages to the conversation engine (a message
/// mentioning SloBot that no conversation takes is a command).
/// Nothing thrown by a handler escapes: a data-source failure becomes exit code 1, a bug an apologetic reply.
/// </summary>
internal sealed partial class ChatDispatcher(
    CommandRouter router,
    IEnumerable<IButtonHandler> buttons,
    IEnumerable<IModalHandler> modals,
    IEnumerable<IThreadMessageHandler> threadHandlers,
    TimeProvider time,
    ILogger<ChatDispatcher> logger) : IChatEventSink
{
    /// <summary>How long the "SloBot is restarting" notice may take once the shutdown grace period has ended.</summary>
    internal static readonly TimeSpan RestartNoticeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Runs the event and answers it. When <paramref name="cancellationToken"/> (the transport's shutdown: it fires when
    /// the host's grace period ends) cuts the work short, the asker is told SloBot is restarting instead of being met
    /// with silence; that notice gets its own short deadline (<see cref="RestartNoticeTimeout"/>), since the shutdown
    /// token is already cancelled. A message in a thread that did not mention SloBot gets the notice only when a thread
    /// handler owns that thread (a conversation is going on in it): other threads' chatter is not SloBot's business.
    /// </summary>
    public async Task HandleAsync(ChatEvent chatEvent, IChatResponder responder, CancellationToken cancellationToken)
    {
        // Every log line written while handling the event (transports' deliveries included) carries its correlation id.
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = chatEvent.EventId, ["Platform"] = chatEvent.Where.Platform });
        var command = CommandName(chatEvent);
        using var activity = ChatTelemetry.Source.StartActivity("chat " + command);
        activity?.SetTag("slobot.event_id", chatEvent.EventId);
        activity?.SetTag("slobot.platform", chatEvent.Where.Platform);
        var started = time.GetTimestamp();
        var outcome = "cancelled";
        try
        {
            outcome = await AnswerAsync(chatEvent, responder, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (outcome != "none")
            {
                var elapsed = time.GetElapsedTime(started);
                ChatTelemetry.Commands.Add(1, new TagList { { "command", command }, { "outcome", outcome } });
                ChatTelemetry.CommandDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("command", command));
                activity?.SetTag("slobot.outcome", outcome);
                LogHandled(logger, chatEvent.EventId, command, outcome, elapsed.TotalMilliseconds);
            }
        }
    }

    /// <summary>Answers the event; returns the outcome tag (<c>none</c>: nothing of SloBot's, nothing counted).</summary>
    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "The restart notice is best effort at shutdown: a failure is logged, the host goes on stopping.")]
    private async Task<string> AnswerAsync(ChatEvent chatEvent, IChatResponder responder, CancellationToken cancellationToken)
    {
        Reply? reply = null;
        try
        {
            reply = await ReplyToAsync(chatEvent, cancellationToken).ConfigureAwait(false);
            if (reply is not null)
                await responder.RespondAsync(reply, cancellationToken).ConfigureAwait(false);
            return reply is null ? "none" : reply.Data is HandlerFailure ? "error" : ChatTelemetry.Outcome(reply.ExitCode);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && chatEvent is not CommandEvent { OneShot: true })
        {
            // (`slobot ask` interrupted: the asker stopped it, nothing is restarting.)
            using var notice = new CancellationTokenSource(RestartNoticeTimeout, time);
            try
            {
                if (reply is null && chatEvent is ThreadMessage { Mentioned: false } message && !await OwnedAsync(message, notice.Token).ConfigureAwait(false))
                    return "none"; // chatter in a thread that is not SloBot's
                LogCutByShutdown(logger, chatEvent.EventId, chatEvent.GetType().Name);
                await responder.RespondAsync(Reply.Restarting(), notice.Token).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                LogRestartNoticeFailed(logger, chatEvent.EventId, ex.Message);
            }

            return "restarting";
        }
    }

    /// <summary>The <c>command</c> tag: a registered command's name, never the user's words (bounded cardinality).</summary>
    private string CommandName(ChatEvent chatEvent) => chatEvent switch
    {
        CommandEvent c => router.CommandNameOf(c.Text) ?? "unknown",
        ButtonClick => "button",
        ModalSubmit => "form",
        ThreadMessage => "thread",
        _ => "other",
    };

    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "The dispatcher boundary: any handler failure becomes a logged, apologetic reply instead of a lost event.")]
    public async Task<Reply?> ReplyToAsync(ChatEvent chatEvent, CancellationToken cancellationToken)
    {
        try
        {
            return chatEvent switch
            {
                CommandEvent c => await router.RouteAsync(c, cancellationToken).ConfigureAwait(false),
                ButtonClick b => await ClickAsync(b, cancellationToken).ConfigureAwait(false),
                ModalSubmit m => await SubmitAsync(m, cancellationToken).ConfigureAwait(false),
                ThreadMessage t => await ThreadAsync(t, cancellationToken).ConfigureAwait(false),
                _ => null,
            };
        }
        catch (SliSourceException ex)
        {
            LogSourceFailed(logger, chatEvent.EventId, ex.Message);
            return Reply.SourceFailed($"The SLI source failed: {ex.Message}");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            LogHandlerFailed(logger, ex, chatEvent.EventId, chatEvent.GetType().Name);
            var message = $"Something went wrong inside SloBot while handling that (event {chatEvent.EventId}). The error is logged; nothing was changed.";
            return Reply.SourceFailed(message) with { Data = new HandlerFailure(message) };
        }
    }

    private async Task<Reply?> ClickAsync(ButtonClick click, CancellationToken cancellationToken)
    {
        var handler = buttons.FirstOrDefault(h => Owns(click.ActionId, h.ActionPrefix));
        if (handler is null)
            return Reply.BadCommand("That button no longer does anything here (it may belong to an older version of SloBot).");
        return await handler.HandleAsync(click, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Reply?> SubmitAsync(ModalSubmit submit, CancellationToken cancellationToken)
    {
        var handler = modals.FirstOrDefault(h => Owns(submit.CallbackId, h.CallbackPrefix));
        if (handler is null)
            return Reply.BadCommand("That form is no longer handled by SloBot.");
        return await handler.HandleAsync(submit, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Reply?> ThreadAsync(ThreadMessage message, CancellationToken cancellationToken)
    {
        foreach (var handler in threadHandlers)
        {
            var reply = await handler.HandleAsync(message, cancellationToken).ConfigureAwait(false);
            if (reply is not null)
                return reply;
        }

        // "@SloBot budget payment" where no conversation takes it: a command, answered in the (new) thread.
        if (message.Mentioned)
            return await router.RouteAsync(new CommandEvent(message.EventId, message.Where, message.User, message.ReceivedAt, message.Text), cancellationToken).ConfigureAwait(false);
        return null; // not SloBot's thread: stay quiet
    }

    private async Task<bool> OwnedAsync(ThreadMessage message, CancellationToken cancellationToken)
    {
        foreach (var handler in threadHandlers)
        {
            if (await handler.OwnsThreadAsync(message, cancellationToken).ConfigureAwait(false))
                return true;
        }

        return false;
    }

    /// <summary>The <c>--json</c> of a handler's failure (<c>{"error": …}</c>); its type tells the metrics it was a bug.</summary>
    private sealed record HandlerFailure(string Error);

    private static bool Owns(string id, string prefix) =>
        id.Equals(prefix, StringComparison.Ordinal) || id.StartsWith(prefix + ":", StringComparison.Ordinal);

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "SLI source failed for event {EventId}: {Reason}")]
    private static partial void LogSourceFailed(ILogger logger, string eventId, string reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Chat event {EventId} ({Command}): {Outcome} in {Milliseconds:0} ms")]
    private static partial void LogHandled(ILogger logger, string eventId, string command, string outcome, double milliseconds);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Shutdown cut event {EventId} ({EventType}) short; the asker is told SloBot is restarting")]
    private static partial void LogCutByShutdown(ILogger logger, string eventId, string eventType);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Could not tell the asker of event {EventId} that SloBot is restarting: {Reason}")]
    private static partial void LogRestartNoticeFailed(ILogger logger, string eventId, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Handler failed for event {EventId} ({EventType})")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string eventId, string eventType);
}
