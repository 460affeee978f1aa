using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SloBot.Chat.Delivery;
using SloBot.Slack.Configuration;
using SloBot.Slack.Inbound;
using SloBot.Slack.WebApi;
using SloBot.Transport.Telemetry;

namespace SloBot.Slack.SocketMode;

/// <summary>
/// Keeps <see cref="SlackOptions.SocketConnections"/> Socket Mode connections up. On <c>disconnect</c> the new socket
/// is opened and says hello before the old one closes (no gap); a dropped socket reconnects with backoff and jitter;
/// a bad token stops Socket Mode with a log line, never the host. In HTTP mode it only drains work at shutdown.
/// </summary>
internal sealed partial class SocketModeService(
    SlackApiClient api,
    SlackInbound inbound,
    IOptions<SlackOptions> options,
    TimeProvider time,
    ILogger<SocketModeService> logger) : BackgroundService
{
    private int _connectionIds;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Mode != SlackMode.Socket)
            return Task.CompletedTask;
        return Task.WhenAll(Enumerable.Range(0, options.Value.SocketConnections).Select(slot => RunSlotAsync(slot, stoppingToken)));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await inbound.DrainAsync(cancellationToken).ConfigureAwait(false);
    }

    [SuppressMessage("Reliability", "CA2000:Dispose objects before losing scope", Justification = "Each connection becomes `current` and is closed (CloseAsync disposes it) when replaced, dropped or at shutdown.")]
    private async Task RunSlotAsync(int slot, CancellationToken stoppingToken)
    {
        SocketModeConnection? current = null;
        try
        {
            // Stagger extra sockets so they are not recycled together.
            if (slot > 0)
                await Task.Delay(TimeSpan.FromSeconds(10 * slot), time, stoppingToken).ConfigureAwait(false);
            var failures = 0;
            var connections = 0;
            while (!stoppingToken.IsCancellationRequested)
            {
                SocketModeConnection next;
                try
                {
                    var url = await api.OpenConnectionAsync(stoppingToken).ConfigureAwait(false);
                    next = await SocketModeConnection.OpenAsync(url, Interlocked.Increment(ref _connectionIds), inbound, logger, time, stoppingToken).ConfigureAwait(false);
                }
                catch (SlackApiException ex) when (SocketModeBackoff.IsFatal(ex.Error))
                {
                    LogFatal(logger, ex.Error);
                    return;
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    failures++;
                    var delay = (ex as TransientDeliveryException)?.RetryAfter ?? SocketModeBackoff.Delay(failures);
                    LogConnectFailed(logger, slot, failures, delay, ex.Message);
                    await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
                    continue;
                }

                if (connections++ > 0)
                    TransportTelemetry.Reconnected(SlackPayloads.Platform, current is null ? "reconnect" : "refresh");
                if (current is not null)
                    await current.CloseAsync().ConfigureAwait(false); // make before break: the old socket goes only now
                current = next;
                var openedAt = time.GetUtcNow();
                LogConnected(logger, slot, current.Id);

                var reason = await current.Ended.WaitAsync(stoppingToken).ConfigureAwait(false);
                if (reason is "link_disabled" or "socket_mode_disabled")
                {
                    LogDisabled(logger, reason);
                    return;
                }

                if (reason is SocketModeConnection.Dropped or "too_many_websockets")
                {
                    // Nothing left to keep: close first, then come back (quickly unless it keeps happening).
                    var served = current.Envelopes > 0;
                    await current.CloseAsync().ConfigureAwait(false);
                    current = null;
                    // Flapping (dropped within 30 s without delivering anything) backs off; a socket that was serving
                    // envelopes comes back within 250 ms however often it is cut, so commands are acked within Slack's 3 s.
                    failures = time.GetUtcNow() - openedAt < TimeSpan.FromSeconds(30) && !served ? failures + 1 : 0;
                    var delay = SocketModeBackoff.Delay(failures);
                    LogDropped(logger, slot, reason, delay);
                    await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // host stopping
        }
        finally
        {
            if (current is not null)
                await current.CloseAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 3210, Level = LogLevel.Information, Message = "Slack Socket Mode slot {Slot} connected (socket {Connection})")]
    private static partial void LogConnected(ILogger logger, int slot, int connection);

    [LoggerMessage(EventId = 3211, Level = LogLevel.Warning, Message = "Slack Socket Mode slot {Slot}: connect failed {Failures} time(s), retrying in {Delay}: {Reason}")]
    private static partial void LogConnectFailed(ILogger logger, int slot, int failures, TimeSpan delay, string reason);

    [LoggerMessage(EventId = 3212, Level = LogLevel.Warning, Message = "Slack Socket Mode slot {Slot}: socket gone ({Reason}), reconnecting in {Delay}")]
    private static partial void LogDropped(ILogger logger, int slot, string reason, TimeSpan delay);

    [LoggerMessage(EventId = 3213, Level = LogLevel.Critical, Message = "Slack refused the app-level token ({Error}): Socket Mode stopped. Check SloBot:Slack:AppToken (xapp-…, scope connections:write)")]
    private static partial void LogFatal(ILogger logger, string error);

    [LoggerMessage(EventId = 3214, Level = LogLevel.Critical, Message = "Slack disabled Socket Mode for this app ({Reason}): not reconnecting")]
    private static partial void LogDisabled(ILogger logger, string reason);
}
