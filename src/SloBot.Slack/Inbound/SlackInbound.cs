using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SloBot.Chat.Delivery;
using SloBot.Slack.Configuration;
using SloBot.Slack.Delivery;
using SloBot.Transport.Inbound;

namespace SloBot.Slack.Inbound;

/// <summary>
/// Where Socket Mode and HTTP mode hand what Slack sent, <b>after</b> they acknowledged it: drops redeliveries
/// (same envelope id, event id or trigger id within an hour), then queues the event on the kit's
/// <see cref="InboundWork"/>, which runs the chat layer with a responder for it, at most
/// <see cref="SlackOptions.MaxConcurrentEvents"/> at a time. The bound keeps
/// a burst of costly commands from crowding the thread pool, so the next envelope's ack never waits behind them.
/// Nothing thrown here reaches the socket or the web server.
/// </summary>
internal sealed partial class SlackInbound : IDisposable
{
    private readonly IChatEventSink _sink;
    private readonly SlackDelivery _delivery;
    private readonly SlackWorkspace _workspace;
    private readonly SlackUserGroups _groups;
    private readonly TimeProvider _time;
    private readonly ILogger<SlackInbound> _logger;
    private readonly RecentIds _seen;
    private readonly InboundWork _work;

    /// <summary>How long an event's ids are remembered, here and in storage (Slack retries within minutes).</summary>
    private static readonly TimeSpan KeepHandled = TimeSpan.FromHours(1);

    private readonly IHandledRequests? _handled;
    private readonly TimeSpan _stillWorkingAfter;

    /// <param name="handled">Handled ids shared by every SloBot on the same storage, so an event one replica took is not handled again by another (or after a restart); null: this process's memory only.</param>
    public SlackInbound(IChatEventSink sink, SlackDelivery delivery, SlackWorkspace workspace, SlackUserGroups groups, TimeProvider time, IOptions<SlackOptions> options, ILogger<SlackInbound> logger, IHandledRequests? handled = null)
    {
        _handled = handled;
        _workspace = workspace;
        _groups = groups;
        _sink = sink;
        _delivery = delivery;
        _time = time;
        _logger = logger;
        _seen = new RecentIds(time, KeepHandled, capacity: 50_000);
        _work = new InboundWork(options.Value.MaxConcurrentEvents, time);
        _stillWorkingAfter = options.Value.StillWorkingAfter;
    }

    /// <summary>Events queued or being handled right now.</summary>
    public int InFlight => _work.InFlight;

    /// <summary>A Socket Mode envelope (already acked). Returns true when it started new work.</summary>
    public bool AcceptEnvelope(string envelopeId, string? type, JsonElement payload)
    {
        if (!_seen.TryAdd("env:" + envelopeId))
        {
            LogDuplicate(_logger, "envelope", envelopeId);
            return false;
        }

        var now = _time.GetUtcNow();
        var inbound = type switch
        {
            "slash_commands" => SlackPayloads.FromSlashCommand(SlackPayloads.Fields(payload), now),
            "interactive" => SlackPayloads.FromInteraction(payload, now),
            "events_api" => SlackPayloads.FromEventCallback(payload, now),
            _ => null,
        };
        return Accept(inbound);
    }

    /// <summary>An event parsed from any mode (already acked). Returns true when it started new work.</summary>
    public bool Accept(InboundEvent? inbound)
    {
        if (inbound is null)
            return false;
        _workspace.Observe(inbound.TeamDomain);
        var fresh = true;
        foreach (var key in inbound.DedupeKeys)
            fresh &= _seen.TryAdd(key); // add every key, so a later copy under any of them is known
        if (!fresh)
        {
            LogDuplicate(_logger, inbound.Event.GetType().Name, inbound.Event.EventId);
            return false;
        }

        if (_groups.WithGroups(inbound.Event.User) is var user && !ReferenceEquals(user, inbound.Event.User))
            inbound = inbound with { Event = inbound.Event with { User = user } };
        var responder = new SlackResponder(inbound, _delivery);
        responder.Watch(_stillWorkingAfter, _time, _work.Stopping); // from now: time queued behind a burst counts
        if (_work.TryEnqueue(stopping => RunAsync(inbound, responder, stopping)))
            return true;
        _ = responder.StopWatchingAsync();
        LogRefusedAtShutdown(_logger, inbound.Event.EventId);
        return false;
    }

    /// <summary>
    /// Host shutdown: takes no new events, waits for queued and running ones. What is left when
    /// <paramref name="cancellationToken"/> (the grace period) fires is cancelled, and the chat layer answers each of
    /// those "SloBot is restarting" — this waits up to <see cref="InboundWork.RestartNoticeGrace"/> more for those answers.
    /// </summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        var drain = await _work.DrainAsync(cancellationToken).ConfigureAwait(false);
        if (drain.Cut)
            LogDrainCut(_logger, drain.Cancelled);
        if (drain.Unfinished > 0)
            LogNoticesCut(_logger, drain.Unfinished);
    }

    public void Dispose() => _work.Dispose();

    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "Background work of one Slack event: failures are logged, never thrown into a fire-and-forget task.")]
    private async Task RunAsync(InboundEvent inbound, SlackResponder responder, CancellationToken stopping)
    {
        try
        {
            if (!await ClaimAsync(inbound, stopping).ConfigureAwait(false))
            {
                await responder.StopWatchingAsync().ConfigureAwait(false);
                LogHandledElsewhere(_logger, inbound.Event.EventId);
                return;
            }

            try
            {
                await _sink.HandleAsync(inbound.Event, responder, stopping).ConfigureAwait(false);
            }
            finally
            {
                await responder.StopWatchingAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            LogCancelled(_logger, inbound.Event.EventId);
        }
        catch (Exception ex)
        {
            LogFailed(_logger, ex, inbound.Event.GetType().Name, inbound.Event.EventId, inbound.Target.Channel);
        }
    }

    /// <summary>
    /// Claims every id of the event in shared storage (after this process's own memory let it through): false when
    /// another SloBot on the same storage — another replica, or this one before a restart — already took any of them.
    /// </summary>
    private async Task<bool> ClaimAsync(InboundEvent inbound, CancellationToken stopping)
    {
        if (_handled is null)
            return true;
        var now = _time.GetUtcNow();
        var first = true;
        foreach (var key in inbound.DedupeKeys)
            first &= await _handled.TryClaimAsync("slack:" + key, now, now + KeepHandled, stopping).ConfigureAwait(false);
        return first;
    }

    [LoggerMessage(EventId = 3006, Level = LogLevel.Debug, Message = "Slack event {EventId} was already handled by another SloBot on the same storage; ignored")]
    private static partial void LogHandledElsewhere(ILogger logger, string eventId);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Slack event {EventId} arrived during shutdown and was not handled")]
    private static partial void LogRefusedAtShutdown(ILogger logger, string eventId);

    [LoggerMessage(EventId = 3000, Level = LogLevel.Debug, Message = "Slack redelivered {Kind} {Id}; handled once already")]
    private static partial void LogDuplicate(ILogger logger, string kind, string id);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Error, Message = "Slack {EventType} {EventId} in {Channel} could not be answered")]
    private static partial void LogFailed(ILogger logger, Exception exception, string eventType, string eventId, string channel);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Slack event {EventId} cancelled by shutdown")]
    private static partial void LogCancelled(ILogger logger, string eventId);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Shutdown: {Count} Slack events did not finish telling their askers SloBot is restarting")]
    private static partial void LogNoticesCut(ILogger logger, int count);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Shutdown: {Count} Slack events still running are cancelled")]
    private static partial void LogDrainCut(ILogger logger, int count);
}
