using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using SloBot.Chat.Delivery;
using SloBot.Slack.Delivery;

namespace SloBot.Slack.Inbound;

/// <summary>
/// Where Socket Mode and HTTP mode hand what Slack sent, <b>after</b> they acknowledged it: drops redeliveries
/// (same envelope id, event id or trigger id within an hour), then runs the chat layer in the background with a
/// responder for the event. Nothing thrown here reaches the socket or the web server.
/// </summary>
internal sealed partial class SlackInbound(IChatEventSink sink, SlackDelivery delivery, TimeProvider time, ILogger<SlackInbound> logger) : IDisposable
{
    private readonly RecentIds _seen = new(time, TimeSpan.FromHours(1));
    private readonly ConcurrentDictionary<Task, byte> _running = new();
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Events being handled right now.</summary>
    public int InFlight => _running.Count;

    /// <summary>A Socket Mode envelope (already acked). Returns true when it started new work.</summary>
    public bool AcceptEnvelope(string envelopeId, string? type, JsonElement payload)
    {
        if (!_seen.TryAdd("env:" + envelopeId))
        {
            LogDuplicate(logger, "envelope", envelopeId);
            return false;
        }

        var now = time.GetUtcNow();
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
        var fresh = true;
        foreach (var key in inbound.DedupeKeys)
            fresh &= _seen.TryAdd(key); // add every key, so a later copy under any of them is known
        if (!fresh)
        {
            LogDuplicate(logger, inbound.Event.GetType().Name, inbound.Event.EventId);
            return false;
        }

        var work = Task.Run(() => RunAsync(inbound));
        _running.TryAdd(work, 0);
        _ = work.ContinueWith(t => _running.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return true;
    }

    /// <summary>Waits for running work (host shutdown); what is still running when <paramref name="cancellationToken"/> fires is cancelled.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(_running.Keys).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            LogDrainCut(logger, _running.Count);
        }
        finally
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
        }
    }

    public void Dispose() => _stopping.Dispose();

    private async Task RunAsync(InboundEvent inbound)
    {
        var responder = new SlackResponder(inbound, delivery);
        try
        {
            await sink.HandleAsync(inbound.Event, responder, _stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            LogCancelled(logger, inbound.Event.EventId);
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex, inbound.Event.GetType().Name, inbound.Event.EventId, inbound.Target.Channel);
        }
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Debug, Message = "Slack redelivered {Kind} {Id}; handled once already")]
    private static partial void LogDuplicate(ILogger logger, string kind, string id);

    [LoggerMessage(EventId = 201, Level = LogLevel.Error, Message = "Slack {EventType} {EventId} in {Channel} could not be answered")]
    private static partial void LogFailed(ILogger logger, Exception exception, string eventType, string eventId, string channel);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "Slack event {EventId} cancelled by shutdown")]
    private static partial void LogCancelled(ILogger logger, string eventId);

    [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "Shutdown: {Count} Slack events still running are cancelled")]
    private static partial void LogDrainCut(ILogger logger, int count);
}
