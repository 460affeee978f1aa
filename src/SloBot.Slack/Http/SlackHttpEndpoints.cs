using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using SloBot.Slack.Inbound;

namespace SloBot.Slack.Http;

/// <summary>
/// HTTP mode: Slack POSTs commands, interactions and events; each request is verified, acknowledged with 200 at once,
/// and handled in the background. A bad signature gets 401 and a log line without the body.
/// </summary>
internal static partial class SlackHttpEndpoints
{
    private const int MaxBody = 1024 * 1024;

    public static async Task<IResult> CommandsAsync(HttpContext http, SlackSignature signature, SlackInbound inbound, TimeProvider time, ILoggerFactory logs)
    {
        var body = await ReadVerifiedAsync(http, signature, logs).ConfigureAwait(false);
        if (body.Problem is { } problem)
            return problem;
        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body.Bytes!));
        var fields = form.ToDictionary(kv => kv.Key, kv => kv.Value.ToString(), StringComparer.Ordinal);
        inbound.Accept(SlackPayloads.FromSlashCommand(fields, time.GetUtcNow()));
        return Results.Ok();
    }

    public static async Task<IResult> InteractionsAsync(HttpContext http, SlackSignature signature, SlackInbound inbound, TimeProvider time, ILoggerFactory logs)
    {
        var body = await ReadVerifiedAsync(http, signature, logs).ConfigureAwait(false);
        if (body.Problem is { } problem)
            return problem;
        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body.Bytes!));
        if (!form.TryGetValue("payload", out var json) || Parse(json.ToString()) is not { } payload)
            return Results.BadRequest();
        inbound.Accept(SlackPayloads.FromInteraction(payload, time.GetUtcNow()));
        return Results.Ok();
    }

    public static async Task<IResult> EventsAsync(HttpContext http, SlackSignature signature, SlackInbound inbound, TimeProvider time, ILoggerFactory logs)
    {
        var body = await ReadVerifiedAsync(http, signature, logs).ConfigureAwait(false);
        if (body.Problem is { } problem)
            return problem;
        if (Parse(Encoding.UTF8.GetString(body.Bytes!)) is not { } payload)
            return Results.BadRequest();
        if (payload.Text("type") == "url_verification")
            return Results.Text(payload.Text("challenge") ?? "", "text/plain");
        inbound.Accept(SlackPayloads.FromEventCallback(payload, time.GetUtcNow())); // retries (X-Slack-Retry-Num) dedupe by event_id
        return Results.Ok();
    }

    private static async Task<(byte[]? Bytes, IResult? Problem)> ReadVerifiedAsync(HttpContext http, SlackSignature signature, ILoggerFactory logs)
    {
        var request = http.Request;
        if (request.ContentLength > MaxBody)
            return (null, Results.StatusCode(StatusCodes.Status413PayloadTooLarge));
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, http.RequestAborted).ConfigureAwait(false);
        if (buffer.Length > MaxBody)
            return (null, Results.StatusCode(StatusCodes.Status413PayloadTooLarge));
        var bytes = buffer.ToArray();
        var check = signature.Check(request.Headers["X-Slack-Request-Timestamp"], request.Headers["X-Slack-Signature"], bytes);
        if (check == SignatureCheck.Valid)
            return (bytes, null);
        LogRejected(logs.CreateLogger(typeof(SlackHttpEndpoints).FullName!), request.Path, check, http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        return (null, Results.Unauthorized());
    }

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

    [LoggerMessage(EventId = 500, Level = LogLevel.Warning, Message = "Refused a Slack request to {Path} from {Remote}: signature {Check}")]
    private static partial void LogRejected(ILogger logger, string path, SignatureCheck check, string remote);
}
