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
/// Where Socket Mode and HTTP mode hand what Slack sent: before they acknowledge it, drops redeliveries (same envelope
/// id, event id or trigger id within an hour) and records it in the <see cref="Inbox"/>; after the ack, queues the
/// event on the kit's <see cref="InboundWork"/>, which runs the chat layer with a responder for it, at most
/// <see cref="SlackOptions.MaxConcurrentEvents"/> at a time. The bound keeps
/// a burst of costly commands from crowding the thread pool, so the next envelope's ack never waits behind them.
/// Nothing thrown here reaches the socket or the web server.
/// </summary>
internal sealed partial class SlackInbound : IDisposable
{
    /// <summary>An envelope ready to record: the event to run (null: nothing to do) and what the inbox keeps of it (null: no inbox).</summary>
    public readonly record struct PreparedEnvelope(InboundEvent? Event, InboxMessage? Stored);

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
    private readonly Inbox? _inbox;

    /// <param name="inbox">Where accepted events are recorded before their ack, so that another process runs them if this one dies; null: not recorded.</param>
    /// <param name="handled">Handled ids shared by every SloBot on the same storage, so an event one replica took is not handled again by another (or after a restart); null: this process's memory only.</param>
    public SlackInbound(IChatEventSink sink, SlackDelivery delivery, SlackWorkspace workspace, SlackUserGroups groups, TimeProvider time, IOptions<SlackOptions> options, ILogger<SlackInbound> logger, IHandledRequests? handled = null, Inbox? inbox = null)
    {
        _handled = handled;
        _inbox = inbox;
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

    /// <summary>Marks an arrived event's acknowledgement as pending until the scope is disposed: no work starts meanwhile (<see cref="AckGate"/>).</summary>
    public IDisposable Acknowledging() => _work.Acknowledging();

    /// <summary>
    /// A Socket Mode envelope, as it is read and <b>before</b> it is acked: parsed, checked against what this process saw,
    /// and made ready for the inbox (<see cref="RecordEnvelopesAsync"/> records those that arrived together). Null event:
    /// a redelivery, or anything SloBot does not act on (acked all the same). The payload is not read afterwards.
    /// </summary>
    public PreparedEnvelope PrepareEnvelope(string envelopeId, string? type, JsonElement payload)
    {
        if (!_seen.TryAdd("env:" + envelopeId))
        {
            LogDuplicate(_logger, "envelope", envelopeId);
            return default;
        }

        InboundEvent? parsed;
        try
        {
            parsed = Parse(type, payload, _time.GetUtcNow());
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or JsonException or KeyNotFoundException or ArgumentException)
        {
            LogUnreadable(_logger, envelopeId, type ?? "?", ex.GetType().Name); // acked, not acted on: the rest of the burst goes on
            return default;
        }

        if (Admit(parsed) is not { } inbound)
            return default;
        return new PreparedEnvelope(inbound, _inbox is null ? null : new InboxMessage(SlackPayloads.Platform, InboxKey(inbound), InboxPayload.Write(type, payload)));
    }

    /// <summary>
    /// Records prepared envelopes that arrived together in the inbox in one round trip (the first replica to record an
    /// event is the one that handles it). Returns, per envelope, the event to <see cref="Start"/> once acked, or null.
    /// </summary>
    public Task<InboundEvent?[]> RecordEnvelopesAsync(IReadOnlyList<PreparedEnvelope> envelopes)
    {
        var admitted = new InboundEvent?[envelopes.Count];
        var stored = new List<(int Index, InboxMessage Message)>(envelopes.Count);
        for (var i = 0; i < envelopes.Count; i++)
        {
            admitted[i] = envelopes[i].Event;
            if (envelopes[i].Stored is { } message)
                stored.Add((i, message));
        }

        return stored.Count == 0 ? Task.FromResult(admitted) : RecordAdmittedAsync(admitted, stored);
    }

    private async Task<InboundEvent?[]> RecordAdmittedAsync(InboundEvent?[] admitted, List<(int Index, InboxMessage Message)> stored)
    {
        try
        {
            var fresh = await _inbox!.RecordAllAsync(stored.ConvertAll(s => s.Message), _work.Stopping).ConfigureAwait(false);
            for (var j = 0; j < stored.Count; j++)
            {
                var (i, message) = stored[j];
                if (fresh[j])
                {
                    admitted[i] = admitted[i]! with { InboxKey = message.Key };
                }
                else
                {
                    LogHandledElsewhere(_logger, admitted[i]!.Event.EventId);
                    admitted[i] = null;
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            foreach (var (i, _) in stored)
                LogNotRecorded(_logger, admitted[i]!.Event.EventId, ex.GetType().Name, ex.Message); // handled here, not recoverable
        }

        return admitted;
    }

    /// <summary>
    /// An event parsed from any mode, before it is acknowledged: de-duplicated in memory, then recorded in the inbox with
    /// <paramref name="stored"/> (what a recovery needs to run it again). If the inbox cannot be reached the event is
    /// still handled here, only not recoverable. Returns what to <see cref="Start"/>, or null.
    /// </summary>
    public async Task<InboundEvent?> RecordAsync(InboundEvent? inbound, Func<string> stored)
    {
        if (Admit(inbound) is not { } admitted)
            return null;
        if (_inbox is null)
            return admitted;
        var inboxKey = InboxKey(admitted);
        try
        {
            if (await _inbox.RecordAsync(new InboxMessage(SlackPayloads.Platform, inboxKey, stored()), _work.Stopping).ConfigureAwait(false))
                return admitted with { InboxKey = inboxKey };
            LogHandledElsewhere(_logger, admitted.Event.EventId);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            LogNotRecorded(_logger, admitted.Event.EventId, ex.GetType().Name, ex.Message);
            return admitted;
        }
    }

    /// <summary>Null for nothing to act on or an event this process saw under any of its ids (all of them are remembered now).</summary>
    private InboundEvent? Admit(InboundEvent? inbound)
    {
        if (inbound is null)
            return null;
        _workspace.Observe(inbound.TeamDomain);
        var fresh = true;
        foreach (var key in inbound.DedupeKeys)
            fresh &= _seen.TryAdd(key); // add every key, so a later copy under any of them is known
        if (fresh)
            return inbound;
        LogDuplicate(_logger, inbound.Event.GetType().Name, inbound.Event.EventId);
        return null;
    }

    /// <summary>The last key is the one every copy shares (a thread message's channel and ts unite its message and app_mention events).</summary>
    private static string InboxKey(InboundEvent inbound) => "slack:" + inbound.DedupeKeys[^1];

    /// <summary>Completes once no acknowledgement is pending (in a burst: once it is over, at most <see cref="AckGate.MaxHold"/>).</summary>
    public Task AcksSettledAsync() => _work.AcksSettledAsync(CancellationToken.None);

    /// <summary>Queues a recorded event (already acked) on the workers. Returns true when it started new work.</summary>
    public bool Start(InboundEvent? inbound)
    {
        if (inbound is null)
            return false;
        if (_groups.WithGroups(inbound.Event.User) is var user && !ReferenceEquals(user, inbound.Event.User))
            inbound = inbound with { Event = inbound.Event with { User = user } };
        var responder = new SlackResponder(inbound, _delivery);
        responder.Watch(_stillWorkingAfter, _time, _work.Stopping); // from now: time queued behind a burst counts
        if (_work.TryEnqueue(stopping => RunAsync(inbound, responder, stopping)))
            return true;
        _ = responder.StopWatchingAsync();
        LogRefusedAtShutdown(_logger, inbound.Event.EventId); // its inbox entry is left to a recovery once the lease runs out
        return false;
    }

    /// <summary>
    /// Runs an event another process recorded and did not answer (it died): rebuilt from the stored payload, answered
    /// through the Web API (no response_url is stored). Skips the handled-ids claim: the dead process made it.
    /// </summary>
    public async Task ReplayAsync(InboxEntry entry, CancellationToken cancellationToken)
    {
        var (type, payload) = InboxPayload.Read(entry.Message.Payload);
        if (Parse(type, payload, entry.CreatedAt) is not { } inbound)
            return;
        if (_groups.WithGroups(inbound.Event.User) is var user && !ReferenceEquals(user, inbound.Event.User))
            inbound = inbound with { Event = inbound.Event with { User = user } };
        foreach (var key in inbound.DedupeKeys)
            _seen.TryAdd(key);
        await _sink.HandleAsync(inbound.Event, new SlackResponder(inbound, _delivery), cancellationToken).ConfigureAwait(false);
    }

    private static InboundEvent? Parse(string? type, JsonElement payload, DateTimeOffset now) => type switch
    {
        "slash_commands" => SlackPayloads.FromSlashCommand(SlackPayloads.Fields(payload), now),
        "interactive" => SlackPayloads.FromInteraction(payload, now),
        "events_api" => SlackPayloads.FromEventCallback(payload, now),
        _ => null,
    };

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
        finally
        {
            if (inbound.InboxKey is { } key && _inbox is not null)
                await _inbox.CompleteAsync(key).ConfigureAwait(false); // answered, failed or told SloBot is restarting: not run again
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

    [LoggerMessage(EventId = 3007, Level = LogLevel.Warning, Message = "Slack event {EventId} could not be recorded in the inbox ({Kind}: {Reason}); handled here, but not recoverable if this process dies")]
    private static partial void LogNotRecorded(ILogger logger, string eventId, string kind, string reason);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Warning, Message = "Slack envelope {EnvelopeId} ({Type}) could not be read ({Kind}); acknowledged and ignored")]
    private static partial void LogUnreadable(ILogger logger, string envelopeId, string type, string kind);

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
