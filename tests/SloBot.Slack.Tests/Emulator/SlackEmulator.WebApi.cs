using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace SloBot.Slack.Tests.Emulator;

public sealed partial class SlackEmulator
{
    private async Task ApiAsync(HttpContext context, string method, string? prefix)
    {
        var (body, form) = await ReadAsync(context.Request);
        var auth = context.Request.Headers.Authorization.ToString();
        var token = auth.StartsWith("Bearer ", StringComparison.Ordinal) ? auth[7..] : null;
        if (Throttle?.Invoke(method) is { } storm)
        {
            _calls.Enqueue(new ApiCall(method, body, form, Time.GetUtcNow(), 429, token));
            TooManyRequests(context, storm);
            return;
        }

        if (await HeldAsync(context, new ApiCall(method, body, form, Time.GetUtcNow(), 0, token, prefix)))
            return;
        if (_rateLimits.TryGetValue(method, out var limit) && limit.Count > 0)
        {
            _rateLimits[method] = (limit.Count - 1, limit.RetryAfterSeconds);
            _calls.Enqueue(new ApiCall(method, body, form, Time.GetUtcNow(), 429, token, prefix));
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = limit.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return;
        }

        var expected = method == "apps.connections.open" ? AppToken : BotToken;
        var call = new ApiCall(method, body, form, Time.GetUtcNow(), 200, token, prefix);
        _calls.Enqueue(call);
        var answer = token != expected ? Error(token is null ? "not_authed" : "invalid_auth") : Answer(method, call);
        if (method == "chat.postMessage" && answer["ok"]?.GetValue<bool>() == true && Interlocked.Decrement(ref _losePostAnswers) >= 0)
        {
            context.Abort(); // posted, but the answer never reaches the caller
            return;
        }

        await context.Response.WriteAsJsonAsync(answer);
    }

    private JsonObject Answer(string method, ApiCall call)
    {
        switch (method)
        {
            case "apps.connections.open":
                if (ConnectionsOpenError is { } error)
                    return Error(error);
                var ticket = Guid.NewGuid().ToString("N");
                _tickets[ticket] = true;
                var ws = new UriBuilder(BaseUrl) { Scheme = "ws", Path = "/link/", Query = $"ticket={ticket}&app_id={AppId}" };
                return Ok(new JsonObject { ["url"] = ws.Uri.ToString() });
            case "chat.postMessage":
                if (call.Str("channel") is not { } channel)
                    return Error("channel_not_found");
                if (call.Str("text") is null && !call.Body.TryGetProperty("blocks", out _))
                    return Error("no_text");
                if (call.Body.TryGetProperty("blocks", out var blocks) && blocks.GetArrayLength() > 50)
                    return Error("invalid_blocks");
                var ts = NextTs();
                _posted.Enqueue(new PostedMessage(channel, ts, call.Str("thread_ts"), call.Str("text"), call.Body.TryGetProperty("metadata", out var metadata) ? JsonNode.Parse(metadata.GetRawText()) : null));
                return Ok(new JsonObject { ["channel"] = channel, ["ts"] = ts, ["message"] = new JsonObject { ["ts"] = ts, ["text"] = call.Str("text") } });
            case "conversations.history":
                return History(call, replies: false);
            case "conversations.replies":
                return History(call, replies: true);
            case "chat.postEphemeral":
                return Ok(new JsonObject { ["message_ts"] = NextTs() });
            case "chat.update":
                return Ok(new JsonObject { ["channel"] = call.Str("channel"), ["ts"] = call.Str("ts") });
            case "views.open":
                return Ok(new JsonObject { ["view"] = new JsonObject { ["id"] = $"V{Interlocked.Increment(ref _ids)}" } });
            case "files.getUploadURLExternal":
                var fileId = $"F{Interlocked.Increment(ref _ids)}";
                return Ok(new JsonObject { ["upload_url"] = new Uri(BaseUrl, $"upload/{fileId}").ToString(), ["file_id"] = fileId });
            case "files.completeUploadExternal":
                return Ok(new JsonObject { ["files"] = JsonNode.Parse(call.Body.GetProperty("files").GetRawText()) });
            case "usergroups.list":
                return UserGroupsScopeMissing
                    ? Error("missing_scope")
                    : Ok(new JsonObject { ["usergroups"] = new JsonArray([.. UserGroups.Select(g => (JsonNode)new JsonObject { ["id"] = g.Key, ["handle"] = g.Key.ToLowerInvariant(), ["users"] = new JsonArray([.. g.Value.Select(u => (JsonNode)u)]) })]) });
            case "auth.test":
                return Ok(new JsonObject { ["user_id"] = "U0BOT", ["bot_id"] = "B0BOT" });
            default:
                return Error("unknown_method");
        }
    }

    /// <summary>
    /// conversations.history (top-level messages, newest first) or conversations.replies (the parent, then its replies),
    /// from <c>oldest</c> on, <c>limit</c> per page with a cursor; metadata only with <c>include_all_metadata=true</c>.
    /// </summary>
    private JsonObject History(ApiCall call, bool replies)
    {
        if (call.Str("channel") is not { } channel)
            return Error("channel_not_found");
        var thread = call.Str("ts");
        if (replies && thread is null)
            return Error("thread_not_found");
        var oldest = decimal.TryParse(call.Str("oldest"), NumberStyles.Float, CultureInfo.InvariantCulture, out var o) ? o : 0;
        var limit = int.TryParse(call.Str("limit"), out var l) ? Math.Clamp(l, 1, 1000) : 100;
        var offset = int.TryParse(call.Str("cursor"), out var c) ? c : 0;
        var withMetadata = call.Str("include_all_metadata") == "true";
        var inChannel = Posted.Where(m => m.Channel == channel && decimal.Parse(m.Ts, CultureInfo.InvariantCulture) >= oldest);
        var listed = replies
            ? inChannel.Where(m => m.Ts == thread || m.ThreadTs == thread).OrderBy(m => m.Ts, StringComparer.Ordinal).ToArray()
            : inChannel.Where(m => m.ThreadTs is null).OrderByDescending(m => m.Ts, StringComparer.Ordinal).ToArray();
        var page = listed.Skip(offset).Take(limit).Select(m =>
        {
            var message = new JsonObject { ["type"] = "message", ["ts"] = m.Ts, ["text"] = m.Text, ["bot_id"] = "B0BOT" };
            if (m.ThreadTs is not null)
                message["thread_ts"] = m.ThreadTs;
            if (withMetadata && m.Metadata is not null)
                message["metadata"] = m.Metadata.DeepClone();
            return (JsonNode)message;
        });
        var next = offset + limit < listed.Length ? (offset + limit).ToString(CultureInfo.InvariantCulture) : "";
        return Ok(new JsonObject
        {
            ["messages"] = new JsonArray([.. page]),
            ["has_more"] = next.Length > 0,
            ["response_metadata"] = new JsonObject { ["next_cursor"] = next },
        });
    }

    private async Task ResponseUrlAsync(HttpContext context, string id)
    {
        var (body, form) = await ReadAsync(context.Request);
        if (Throttle?.Invoke("response_url") is { } storm)
        {
            _calls.Enqueue(new ApiCall("response_url", body, new Dictionary<string, string>(form) { ["id"] = id }, Time.GetUtcNow(), 429, null));
            TooManyRequests(context, storm);
            return;
        }

        if (await HeldAsync(context, new ApiCall("response_url", body, new Dictionary<string, string>(form) { ["id"] = id }, Time.GetUtcNow(), 0, null)))
            return;
        var expired = _expiredResponseUrls.ContainsKey(id);
        _calls.Enqueue(new ApiCall("response_url", body, new Dictionary<string, string>(form) { ["id"] = id }, Time.GetUtcNow(), expired ? 404 : 200, null));
        if (expired)
        {
            context.Response.StatusCode = 404;
            await context.Response.WriteAsync("expired_url");
            return;
        }

        await context.Response.WriteAsJsonAsync(new { ok = true });
    }

    private async Task UploadAsync(HttpContext context, string fileId)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var form = new Dictionary<string, string> { ["file_id"] = fileId, ["length"] = buffer.Length.ToString(CultureInfo.InvariantCulture), ["content_type"] = context.Request.ContentType ?? "" };
        if (Throttle?.Invoke("upload") is { } storm)
        {
            _calls.Enqueue(new ApiCall("upload", default, form, Time.GetUtcNow(), 429, null));
            TooManyRequests(context, storm);
            return;
        }

        _calls.Enqueue(new ApiCall("upload", default, form, Time.GetUtcNow(), 200, null));
        await context.Response.WriteAsync($"OK - {buffer.Length}");
    }

    private static async Task<(JsonElement Body, Dictionary<string, string> Form)> ReadAsync(HttpRequest request)
    {
        if (request.HasFormContentType)
        {
            var f = await request.ReadFormAsync();
            return (default, f.ToDictionary(kv => kv.Key, kv => kv.Value.ToString()));
        }

        using var doc = await JsonDocument.ParseAsync(request.Body);
        return (doc.RootElement.Clone(), []);
    }

    /// <summary>Slack's 429: the status and Retry-After in seconds, no body.</summary>
    private static void TooManyRequests(HttpContext context, int retryAfterSeconds)
    {
        context.Response.StatusCode = 429;
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
    }

    private string NextTs()
    {
        var n = Interlocked.Increment(ref _ts);
        return $"{n / 1_000_000}.{n % 1_000_000:D6}";
    }

    private static JsonObject Ok(JsonObject fields)
    {
        fields["ok"] = true;
        return fields;
    }

    private static JsonObject Error(string error) => new() { ["ok"] = false, ["error"] = error };
}
