using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SloBot.Discord.Tests.Emulator;

public sealed partial class DiscordEmulator
{
    private const string Api = "/api/v10";

    /// <summary>Writes a 429 the way Discord does (headers and JSON body).</summary>
    public static async Task TooManyRequestsAsync(HttpContext context, double retryAfterSeconds, bool global = false, string scope = "user")
    {
        var seconds = retryAfterSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        context.Response.StatusCode = 429;
        context.Response.Headers["Retry-After"] = Math.Ceiling(retryAfterSeconds).ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["X-RateLimit-Scope"] = scope;
        if (global)
            context.Response.Headers["X-RateLimit-Global"] = "true";
        else
        {
            context.Response.Headers["X-RateLimit-Limit"] = "5";
            context.Response.Headers["X-RateLimit-Remaining"] = "0";
            context.Response.Headers["X-RateLimit-Reset-After"] = seconds;
            context.Response.Headers["X-RateLimit-Bucket"] = "abcd1234";
        }

        await context.Response.WriteAsJsonAsync(new { message = "You are being rate limited.", retry_after = retryAfterSeconds, global }).ConfigureAwait(false);
    }

    /// <summary>HTTP-interactions mode: initial responses are HTTP answers the emulator never sees, so edits need no callback first.</summary>
    public bool InteractionsOverHttp { get; set; }

    private bool Answered(string token) => _acknowledged.ContainsKey(token) || (InteractionsOverHttp && _interactions.ContainsKey(token));

    private static JsonNode? Body(HttpContext context) => context.Items["json"] as JsonNode;

    private void MapRoutes(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path.Value ?? "";
            if (context.WebSockets.IsWebSocketRequest)
            {
                using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
                await Gateway.AcceptAsync(socket, path, context.RequestAborted).ConfigureAwait(false);
                return;
            }

            var arrived = System.Diagnostics.Stopwatch.GetTimestamp();
            var (json, files) = await ReadBodyAsync(context.Request).ConfigureAwait(false);
            context.Items["json"] = json;
            if (Intercept is null || !await Intercept(context, path).ConfigureAwait(false))
                await next(context).ConfigureAwait(false);
            Record(context, path, json, files, arrived);
        });

        app.MapGet(Api + "/gateway/bot", () => Results.Json(new JsonObject
        {
            ["url"] = WebSocketBase + "/gateway",
            ["shards"] = Gateway.RecommendedShards,
            ["session_start_limit"] = new JsonObject { ["total"] = 1000, ["remaining"] = Gateway.SessionStartRemaining, ["reset_after"] = 14_400_000, ["max_concurrency"] = Gateway.MaxConcurrency },
        }));

        app.MapGet(Api + "/applications/{app}/commands", (string app) => Commands(app, null));
        app.MapGet(Api + "/applications/{app}/guilds/{guild}/commands", (string app, string guild) => Commands(app, guild));
        app.MapPut(Api + "/applications/{app}/commands", (HttpContext c, string app) => Overwrite(c, app, null));
        app.MapPut(Api + "/applications/{app}/guilds/{guild}/commands", (HttpContext c, string app, string guild) => Overwrite(c, app, guild));

        app.MapPost(Api + "/interactions/{id}/{token}/callback", (HttpContext c, string id, string token) =>
        {
            if (!_interactions.TryGetValue(token, out var interaction) || interaction["id"]!.GetValue<string>() != id)
                return Error(404, 10062, "Unknown interaction");
            if (!_acknowledged.TryAdd(token, true))
                return Error(400, 40060, "Interaction has already been acknowledged.");
            return Results.NoContent();
        });

        app.MapPatch(Api + "/webhooks/{app}/{token}/messages/@original", (HttpContext c, string app, string token) =>
            Answered(token) ? Results.Json(Message(ChannelOf(token), Body(c))) : Error(404, 10008, "Unknown Message"));
        app.MapDelete(Api + "/webhooks/{app}/{token}/messages/@original", (string app, string token) =>
            Answered(token) ? Results.NoContent() : Error(404, 10008, "Unknown Message"));
        app.MapPost(Api + "/webhooks/{app}/{token}", (HttpContext c, string app, string token) =>
            Answered(token) ? Results.Json(Message(ChannelOf(token), Body(c))) : Error(404, 10015, "Unknown Webhook"));

        app.MapPost(Api + "/channels/{channel}/messages", (HttpContext c, string channel) =>
        {
            var body = Body(c);
            var nonce = body?["nonce"]?.ToString();
            var message = nonce is not null && body?["enforce_nonce"]?.GetValue<bool>() == true
                ? _messagesByNonce.GetOrAdd(channel + "|" + nonce, _ => Created(Message(channel, body)))
                : Created(Message(channel, body));
            if (LoseAnswers > 0 && Interlocked.Decrement(ref _loseAnswers) >= 0)
                return Error(500, 0, "500: Internal Server Error"); // created, but the answer is lost
            c.Response.Headers["X-RateLimit-Bucket"] = "abcd1234";
            c.Response.Headers["X-RateLimit-Limit"] = "5";
            c.Response.Headers["X-RateLimit-Remaining"] = "4";
            c.Response.Headers["X-RateLimit-Reset-After"] = "1";
            return Results.Json(message);
        });

        app.MapPost(Api + "/channels/{channel}/messages/{message}/threads", async (HttpContext c, string channel, string message) =>
        {
            var thread = new JsonObject
            {
                ["id"] = message,
                ["type"] = 11,
                ["guild_id"] = GuildId,
                ["parent_id"] = channel,
                ["owner_id"] = BotUserId,
                ["name"] = Body(c)?["name"]?.GetValue<string>(),
                ["thread_metadata"] = new JsonObject { ["archived"] = false, ["auto_archive_duration"] = Body(c)?["auto_archive_duration"]?.GetValue<int>() ?? 1440, ["locked"] = false },
                ["member_count"] = 1,
                ["message_count"] = 0,
            };
            if (Gateway.IsLive)
                await Gateway.DispatchAsync("THREAD_CREATE", (JsonObject)thread.DeepClone()).ConfigureAwait(false);
            return Results.Json(thread, statusCode: 201);
        });
    }

    /// <summary>Messages created in channels (a create answered from the nonce with the existing message does not count).</summary>
    public int CreatedMessages => _created;

    /// <summary>The next this-many message creates post the message and then answer 500: the response is lost, the message is not.</summary>
    public int LoseAnswers
    {
        get => Volatile.Read(ref _loseAnswers);
        set => Volatile.Write(ref _loseAnswers, value);
    }

    private JsonObject Created(JsonObject message)
    {
        Interlocked.Increment(ref _created);
        return message;
    }

    private IResult Commands(string app, string? guild) =>
        app != ApplicationId ? Error(404, 10002, "Unknown Application") : Results.Json(_commands.GetValueOrDefault(guild ?? "global") ?? []);

    private IResult Overwrite(HttpContext context, string app, string? guild)
    {
        if (app != ApplicationId)
            return Error(404, 10002, "Unknown Application");
        var stored = new JsonArray();
        foreach (var command in Body(context) as JsonArray ?? [])
        {
            var c = (JsonObject)command!.DeepClone();
            c["id"] = NextId();
            c["application_id"] = ApplicationId;
            c["version"] = NextId();
            c["default_member_permissions"] = null;
            c["contexts"] = null;
            c["integration_types"] = new JsonArray(0);
            c["nsfw"] = false;
            c["dm_permission"] = true;
            if (guild is not null)
                c["guild_id"] = guild;
            Normalise(c);
            stored.Add(c);
        }

        _commands[guild ?? "global"] = stored;
        return Results.Json(stored);
    }

    /// <summary>Discord omits <c>required: false</c> and empty option lists in what it returns.</summary>
    private static void Normalise(JsonObject option)
    {
        if (option["required"]?.GetValue<bool>() == false)
            option.Remove("required");
        if (option["options"] is JsonArray { Count: 0 })
            option.Remove("options");
        foreach (var child in option["options"] as JsonArray ?? [])
            Normalise((JsonObject)child!);
    }

    private string ChannelOf(string token) =>
        _interactions.TryGetValue(token, out var i) ? i["channel_id"]!.GetValue<string>() : ChannelId;

    private JsonObject Message(string channel, JsonNode? body) => new()
    {
        ["id"] = NextId(),
        ["type"] = 0,
        ["channel_id"] = channel,
        ["author"] = new JsonObject { ["id"] = BotUserId, ["username"] = "SloBot", ["bot"] = true, ["discriminator"] = "0" },
        ["content"] = body?["content"]?.DeepClone() ?? "",
        ["embeds"] = body?["embeds"]?.DeepClone() ?? new JsonArray(),
        ["components"] = body?["components"]?.DeepClone() ?? new JsonArray(),
        ["attachments"] = new JsonArray(),
        ["timestamp"] = _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
        ["flags"] = body?["flags"]?.DeepClone() ?? 0,
        ["nonce"] = body?["nonce"]?.DeepClone(),
        ["tts"] = false,
        ["mention_everyone"] = false,
        ["pinned"] = false,
    };

    private static IResult Error(int status, int code, string message) =>
        Results.Json(new { message, code }, statusCode: status);

    private static async Task<(JsonNode? Json, IReadOnlyList<string> Files)> ReadBodyAsync(HttpRequest request)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync().ConfigureAwait(false);
            var payload = form["payload_json"].ToString();
            return (payload.Length == 0 ? null : JsonNode.Parse(payload), form.Files.Select(f => f.FileName).ToArray());
        }

        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync().ConfigureAwait(false);
        return (text.Length == 0 ? null : JsonNode.Parse(text), []);
    }
}
