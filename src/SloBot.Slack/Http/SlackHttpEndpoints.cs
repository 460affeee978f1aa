using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using SloBot.Transport.Telemetry;
using SloBot.Slack.Inbound;
using SloBot.Transport.Http;

namespace SloBot.Slack.Http;

/// <summary>
/// HTTP mode: Slack POSTs commands, interactions and events; each request is verified, recorded in the inbox,
/// acknowledged with 200 and handled in the background. A bad signature gets 401 and a log line without the body.
/// </summary>
internal static partial class SlackHttpEndpoints
{
    private const int MaxBody = 1024 * 1024;

    public static async Task<IResult> CommandsAsync(HttpContext http, SlackSignature signature, SlackInbound inbound, TimeProvider time, ILoggerFactory logs)
    {
        var arrived = time.GetTimestamp();
        var body = await ReadVerifiedAsync(http, signature, logs).ConfigureAwait(false);
        if (body.Problem is { } problem)
            return problem;
        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body.Bytes!));
        var fields = form.ToDictionary(kv => kv.Key, kv => kv.Value.ToString(), StringComparer.Ordinal);
        using (inbound.Acknowledging()) // while it is recorded (the 200 follows at once): no command work starts meanwhile
            inbound.Start(await inbound.RecordAsync(SlackPayloads.FromSlashCommand(fields, time.GetUtcNow()), () => InboxPayload.Write(fields)).ConfigureAwait(false));
        return Acked(time, arrived);
    }

    public static async Task<IResult> InteractionsAsync(HttpContext http, SlackSignature signature, SlackInbound inbound, TimeProvider time, ILoggerFactory logs)
    {
        var arrived = time.GetTimestamp();
        var body = await ReadVerifiedAsync(http, signature, logs).ConfigureAwait(false);
        if (body.Problem is { } problem)
            return problem;
        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body.Bytes!));
        if (!form.TryGetValue("payload", out var json) || Parse(json.ToString()) is not { } payload)
            return Results.BadRequest();
        using (inbound.Acknowledging()) // while it is recorded (the 200 follows at once): no command work starts meanwhile
            inbound.Start(await inbound.RecordAsync(SlackPayloads.FromInteraction(payload, time.GetUtcNow()), () => InboxPayload.Write("interactive", payload)).ConfigureAwait(false));
        return Acked(time, arrived);
    }

    public static async Task<IResult> EventsAsync(HttpContext http, SlackSignature signature, SlackInbound inbound, TimeProvider time, ILoggerFactory logs)
    {
        var arrived = time.GetTimestamp();
        var body = await ReadVerifiedAsync(http, signature, logs).ConfigureAwait(false);
        if (body.Problem is { } problem)
            return problem;
        if (Parse(Encoding.UTF8.GetString(body.Bytes!)) is not { } payload)
            return Results.BadRequest();
        if (payload.Text("type") == "url_verification")
            return Results.Text(payload.Text("challenge") ?? "", "text/plain");
        // Recorded before the 200: retries (X-Slack-Retry-Num) dedupe by event_id.
        using (inbound.Acknowledging()) // while it is recorded (the 200 follows at once): no command work starts meanwhile
            inbound.Start(await inbound.RecordAsync(SlackPayloads.FromEventCallback(payload, time.GetUtcNow()), () => InboxPayload.Write("events_api", payload)).ConfigureAwait(false));
        return Acked(time, arrived);
    }

    /// <summary>The 200 that acknowledges a verified event (its latency measured up to here: the response follows at once).</summary>
    private static IResult Acked(TimeProvider time, long arrived)
    {
        TransportTelemetry.RecordAck(SlackPayloads.Platform, "http", time.GetElapsedTime(arrived));
        return Results.Ok();
    }

    /// <summary>
    /// Headers first (a missing or stale signature costs no read), then the body up to <see cref="MaxBody"/> while it
    /// streams (413 beyond), then the HMAC over the raw bytes; nothing is parsed before the signature verifies.
    /// </summary>
    private static async Task<(byte[]? Bytes, IResult? Problem)> ReadVerifiedAsync(HttpContext http, SlackSignature signature, ILoggerFactory logs)
    {
        var request = http.Request;
        string? timestamp = request.Headers["X-Slack-Request-Timestamp"], given = request.Headers["X-Slack-Signature"];
        var check = signature.CheckHeaders(timestamp, given);
        byte[]? bytes = null;
        if (check == SignatureCheck.Valid)
        {
            bytes = await BoundedBody.ReadAsync(http, MaxBody).ConfigureAwait(false);
            if (bytes is null)
            {
                LogTooLarge(Logger(logs), request.Path, MaxBody, http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
                return (null, Results.StatusCode(StatusCodes.Status413PayloadTooLarge));
            }

            check = signature.Check(timestamp, given, bytes);
        }

        if (check == SignatureCheck.Valid)
            return (bytes, null);
        LogRejected(Logger(logs), request.Path, check, http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        return (null, Results.Unauthorized());
    }

    private static ILogger Logger(ILoggerFactory logs) => logs.CreateLogger(typeof(SlackHttpEndpoints).FullName!);

    private static JsonElement? Parse(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(EventId = 3401, Level = LogLevel.Warning, Message = "Refused a Slack request to {Path} from {Remote}: body larger than {Max} bytes (413)")]
    private static partial void LogTooLarge(ILogger logger, string path, int max, string remote);

    [LoggerMessage(EventId = 3400, Level = LogLevel.Warning, Message = "Refused a Slack request to {Path} from {Remote}: signature {Check}")]
    private static partial void LogRejected(ILogger logger, string path, SignatureCheck check, string remote);
}
