using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using SloBot.Transport.Telemetry;
using Microsoft.Extensions.Options;
using SloBot.Chat.Delivery;
using SloBot.Discord.Configuration;
using SloBot.Discord.Inbound;
using SloBot.Discord.Rest;

namespace SloBot.Discord.Gateway;

/// <summary>
/// Keeps SloBot connected to the Discord Gateway (v10, JSON): Hello → heartbeats (first one jittered) → Identify
/// or Resume; READY's session and resume URL; sequence numbers; op 7 and resumable closes resume, op 9 and session
/// closes identify anew, a missed heartbeat ACK is a zombie connection that is dropped and resumed; fatal close
/// codes stop the transport with a log line saying what to fix. Dispatches go to <see cref="GatewayEvents"/>.
/// One client runs one shard (<see cref="GatewayShards"/> starts and stops them); cancelling it closes the session.
/// </summary>
internal sealed partial class GatewayClient(
    ShardId shard,
    IdentifyPacer pacer,
    GatewayEvents events,
    IOptions<DiscordOptions> options,
    TimeProvider time,
    ILogger<GatewayClient> logger)
{
    /// <summary>Sessions begun (READY): every one after the first is a reconnect.</summary>
    private int _sessions;

    /// <summary>Reconnects after failures: 1 s doubling up to 1 minute, times 0.5–1.5.</summary>
    private static readonly Backoff Reconnect = new(TimeSpan.FromSeconds(1), 2, TimeSpan.FromMinutes(1), 0.5, 1.5);
    private readonly string _token = options.Value.BotToken;
    private string? _sessionId;
    private string? _resumeUrl;
    private long? _sequence;

    /// <summary>Random in [0, 1): the first heartbeat's jitter and op 9's wait. Replaceable for tests.</summary>
    public Func<double> Random { get; init; } = System.Random.Shared.NextDouble;

    public ShardId Shard => shard;

    /// <summary>The current session, once READY arrived (null before, and after an invalid session).</summary>
    public string? SessionId => _sessionId;

    /// <summary>Why the transport stopped for good (a fatal close code), or null while it runs.</summary>
    public string? StoppedBecause { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            GatewayNext next;
            try
            {
                var resuming = _sessionId is not null && _resumeUrl is not null;
                var bot = resuming ? null : await pacer.BeforeIdentifyAsync(cancellationToken).ConfigureAwait(false);
                var url = bot?.Url ?? _resumeUrl!;
                var (outcome, established) = await RunConnectionAsync(GatewayUri(url), bot?.MaxConcurrency, cancellationToken).ConfigureAwait(false);
                next = outcome;
                failures = established ? 0 : failures + 1;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is WebSocketException or HttpRequestException or Chat.Delivery.TransientDeliveryException or OperationCanceledException or System.Text.Json.JsonException)
            {
                LogConnectionFailed(logger, ex.GetType().Name, ex.Message);
                next = GatewayNext.Resume;
                failures++;
            }
            catch (DiscordApiException ex) when (ex.Status == System.Net.HttpStatusCode.Unauthorized)
            {
                Stop(CloseCodes.WhatToFix(4004));
                return;
            }
            catch (DiscordApiException ex)
            {
                LogConnectionFailed(logger, nameof(DiscordApiException), ex.Message);
                next = GatewayNext.Identify;
                failures++;
            }

            if (next == GatewayNext.Stop)
                return;
            if (next == GatewayNext.Identify)
                (_sessionId, _resumeUrl, _sequence) = (null, null, null);
            if (failures > 0)
            {
                await Task.Delay(Reconnect.Delay(failures, Random()), time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <param name="identifyConcurrency">Null to resume; else identify, paced by this <c>max_concurrency</c>.</param>
    private async Task<(GatewayNext Next, bool Established)> RunConnectionAsync(Uri url, int? identifyConcurrency, CancellationToken cancellationToken)
    {
        var resuming = identifyConcurrency is null;
        await using var socket = new GatewaySocket(DiscordRestClient.UserAgent, time);
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await socket.ConnectAsync(url, cancellationToken).ConfigureAwait(false);
        LogConnected(logger, url.Host, shard.ToString(), resuming);
        var heartbeat = new Heartbeat(socket, () => _sequence, time, Random, connection);
        var established = false;
        var identify = Task.CompletedTask;
        try
        {
            while (true)
            {
                var (payload, closeCode, ignored) = await socket.ReceiveAsync(connection.Token).ConfigureAwait(false);
                if (ignored is not null)
                {
                    LogFrameIgnored(logger, ignored);
                    continue;
                }

                if (payload is null)
                    return (Closed(closeCode), established);
                switch (payload["op"]?.GetValue<int>())
                {
                    case GatewayOp.Hello:
                        heartbeat.Start(TimeSpan.FromMilliseconds(payload["d"]!["heartbeat_interval"]!.GetValue<double>()));
                        if (resuming)
                            await socket.SendAsync(ResumePayload(), connection.Token).ConfigureAwait(false);
                        else
                            identify = IdentifyAsync(socket, identifyConcurrency!.Value, connection); // off the receive loop: heartbeat ACKs keep arriving while it waits its turn
                        break;
                    case GatewayOp.HeartbeatAck:
                        heartbeat.Acknowledged();
                        break;
                    case GatewayOp.Heartbeat:
                        await heartbeat.BeatNowAsync().ConfigureAwait(false);
                        break;
                    case GatewayOp.Reconnect:
                        LogReconnectRequested(logger);
                        await socket.CloseAsync(GatewayOp.ResumableCloseCode, cancellationToken).ConfigureAwait(false);
                        return (GatewayNext.Resume, established);
                    case GatewayOp.InvalidSession:
                        return (await InvalidSessionAsync(payload["d"]?.GetValue<bool>() ?? false, socket, cancellationToken).ConfigureAwait(false), established);
                    case GatewayOp.Dispatch:
                        established |= Dispatch(payload);
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (heartbeat.Zombie && !cancellationToken.IsCancellationRequested)
        {
            LogZombie(logger);
            return (GatewayNext.Resume, established);
        }
        catch (WebSocketException ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogDropped(logger, ex.Message);
            return (GatewayNext.Resume, established);
        }
        finally
        {
            await connection.CancelAsync().ConfigureAwait(false);
            await heartbeat.StopAsync().ConfigureAwait(false);
            await identify.ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested)
                await socket.CloseAsync(GatewayOp.EndSessionCloseCode, CancellationToken.None).ConfigureAwait(false); // shard given up or host stopping: end the session, another owner identifies anew
        }
    }

    /// <summary>Waits for the shard's identify turn, then identifies; a failure drops the connection (the loop reconnects).</summary>
    private async Task IdentifyAsync(GatewaySocket socket, int maxConcurrency, CancellationTokenSource connection)
    {
        try
        {
            await pacer.TakeIdentifyTurnAsync(shard, maxConcurrency, connection.Token).ConfigureAwait(false);
            await socket.SendAsync(IdentifyPayload(), connection.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // the connection ended first
        }
        catch (WebSocketException ex)
        {
            LogDropped(logger, ex.Message);
            await connection.CancelAsync().ConfigureAwait(false);
        }
    }

    /// <returns>True when the session is (re)established: READY or RESUMED.</returns>
    private bool Dispatch(JsonObject payload)
    {
        if (payload["s"] is JsonValue s && s.TryGetValue<long>(out var seq))
            _sequence = seq;
        var type = payload["t"]?.GetValue<string>();
        var data = payload["d"] as JsonObject;
        switch (type)
        {
            case "READY":
                _sessionId = data?["session_id"]?.GetValue<string>();
                _resumeUrl = data?["resume_gateway_url"]?.GetValue<string>();
                events.Ready(data);
                if (Interlocked.Increment(ref _sessions) > 1)
                    TransportTelemetry.Reconnected(InteractionParser.Platform, "reconnect");
                LogReady(logger, data?["user"]?["username"]?.GetValue<string>() ?? "?", shard.ToString(), (data?["guilds"] as JsonArray)?.Count ?? 0);
                return true;
            case "RESUMED":
                TransportTelemetry.Reconnected(InteractionParser.Platform, "resume");
                LogResumed(logger, _sequence);
                return true;
            default:
                if (type is not null && data is not null)
                    events.Handle(type, data);
                return false;
        }
    }

    private async Task<GatewayNext> InvalidSessionAsync(bool resumable, GatewaySocket socket, CancellationToken cancellationToken)
    {
        LogInvalidSession(logger, resumable);
        await socket.CloseAsync(GatewayOp.ResumableCloseCode, cancellationToken).ConfigureAwait(false);
        if (resumable)
            return GatewayNext.Resume;

        // Discord's classic advice: wait a random 1–5 s before identifying again.
        await Task.Delay(TimeSpan.FromSeconds(1 + (4 * Random())), time, cancellationToken).ConfigureAwait(false);
        return GatewayNext.Identify;
    }

    private GatewayNext Closed(int? code)
    {
        var next = CloseCodes.Next(code);
        if (next == GatewayNext.Stop)
            Stop(CloseCodes.WhatToFix(code!.Value));
        else
            LogClosed(logger, code, next);
        return next;
    }

    private void Stop(string whatToFix)
    {
        StoppedBecause = whatToFix;
        LogFatal(logger, whatToFix);
    }

    private JsonObject IdentifyPayload() => new()
    {
        ["op"] = GatewayOp.Identify,
        ["d"] = new JsonObject
        {
            ["token"] = _token,
            ["intents"] = GatewayOp.Intents,
            ["shard"] = new JsonArray(shard.Id, shard.Count),
            ["properties"] = new JsonObject { ["os"] = Environment.OSVersion.Platform.ToString().ToLowerInvariant(), ["browser"] = "slobot", ["device"] = "slobot" },
        },
    };

    private JsonObject ResumePayload() => new()
    {
        ["op"] = GatewayOp.Resume,
        ["d"] = new JsonObject { ["token"] = _token, ["session_id"] = _sessionId, ["seq"] = _sequence },
    };

    private static Uri GatewayUri(string url)
    {
        var builder = new UriBuilder(url) { Query = "v=10&encoding=json" };
        return builder.Uri;
    }

    [LoggerMessage(EventId = 4500, Level = LogLevel.Information, Message = "Connected to the Discord Gateway at {Host} for shard {Shard} ({Resuming})")]
    private static partial void LogConnected(ILogger logger, string host, string shard, bool resuming);

    [LoggerMessage(EventId = 4501, Level = LogLevel.Information, Message = "Discord Gateway ready as {BotName}, shard {Shard}, in {Guilds} servers")]
    private static partial void LogReady(ILogger logger, string botName, string shard, int guilds);

    [LoggerMessage(EventId = 4502, Level = LogLevel.Information, Message = "Discord Gateway session resumed at sequence {Sequence}")]
    private static partial void LogResumed(ILogger logger, long? sequence);

    [LoggerMessage(EventId = 4503, Level = LogLevel.Information, Message = "Discord asked SloBot to reconnect (op 7); resuming")]
    private static partial void LogReconnectRequested(ILogger logger);

    [LoggerMessage(EventId = 4504, Level = LogLevel.Warning, Message = "Discord invalidated the Gateway session (op 9, resumable: {Resumable})")]
    private static partial void LogInvalidSession(ILogger logger, bool resumable);

    [LoggerMessage(EventId = 4505, Level = LogLevel.Warning, Message = "No heartbeat ACK from Discord since the last heartbeat: zombie connection, reconnecting to resume")]
    private static partial void LogZombie(ILogger logger);

    [LoggerMessage(EventId = 4506, Level = LogLevel.Warning, Message = "Discord Gateway connection dropped: {Reason}; resuming")]
    private static partial void LogDropped(ILogger logger, string reason);

    [LoggerMessage(EventId = 4507, Level = LogLevel.Warning, Message = "Discord Gateway closed with code {Code}; next: {Next}")]
    private static partial void LogClosed(ILogger logger, int? code, GatewayNext next);

    [LoggerMessage(EventId = 4508, Level = LogLevel.Critical, Message = "Discord transport stopped: {WhatToFix}")]
    private static partial void LogFatal(ILogger logger, string whatToFix);

    [LoggerMessage(EventId = 4510, Level = LogLevel.Warning, Message = "Ignored a Discord Gateway frame: {Reason}")]
    private static partial void LogFrameIgnored(ILogger logger, string reason);

    [LoggerMessage(EventId = 4509, Level = LogLevel.Warning, Message = "Could not connect to the Discord Gateway ({Error}: {Reason}); retrying")]
    private static partial void LogConnectionFailed(ILogger logger, string error, string reason);
}
