using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SloBot.Discord.Tests.Emulator;

/// <summary>
/// An in-process Discord: Kestrel on 127.0.0.1 with a free port, the REST routes SloBot uses (shapes from Discord's
/// docs, rate-limit headers, 429s on demand, nonce de-duplication) and <see cref="Gateway"/>, a WebSocket Gateway.
/// </summary>
public sealed partial class DiscordEmulator : IAsyncDisposable
{
    public const string GuildId = "1200000000000000001";
    public const string ChannelId = "1300000000000000001";
    private readonly WebApplication _app;
    private readonly TimeProvider _time;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentDictionary<string, JsonArray> _commands = new();
    private readonly ConcurrentDictionary<string, JsonObject> _interactions = new();
    private readonly ConcurrentDictionary<string, JsonObject> _messagesByNonce = new();
    private int _created;
    private int _loseAnswers;
    private readonly ConcurrentDictionary<string, bool> _acknowledged = new();
    private long _nextId = 1_400_000_000_000_000_000;

    private DiscordEmulator(WebApplication app, TimeProvider time)
    {
        _app = app;
        _time = time;
        Gateway = new EmulatedGateway(this, time);
    }

    public string BotToken { get; } = "MTEwMDAwMDAwMDAwMDAwMDAwMg.emulator.secret-token";

    public string ApplicationId { get; } = "1100000000000000001";

    public string BotUserId { get; } = "1100000000000000002";

    public EmulatedGateway Gateway { get; }

    public Uri ApiBaseUrl { get; private set; } = null!;

    public string WebSocketBase { get; private set; } = "";

    /// <summary>Answers a request before the emulator does (429 storms, 500s); return true when it wrote a response.</summary>
    public Func<HttpContext, string, Task<bool>>? Intercept { get; set; }

    /// <summary>Counts of PUTs of the command list (registrations).</summary>
    public int CommandOverwrites => Requests.Count(r => r.Method == "PUT" && r.Path.Contains("/commands", StringComparison.Ordinal));

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    /// <summary>Fires after every recorded request (the load harness times responses with it).</summary>
    public event Action<RecordedRequest>? Recorded;

    /// <param name="inlineScheduling">
    /// Load runs: Kestrel continues socket work on the I/O thread instead of queueing it to the thread pool, so the
    /// emulator spends less of the shared CPU (safe here: no route blocks).
    /// </param>
    /// <summary>
    /// The <c>data</c> of a <c>/slo</c> slash command: <paramref name="path"/> is its subcommand ("budget") or group and
    /// subcommand ("retro start"); string options are type 3, numbers type 5.
    /// </summary>
    public static JsonObject SlashCommand(string path, params (string Name, JsonNode Value)[] options)
    {
        var names = path.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var node = new JsonObject
        {
            ["name"] = names[^1],
            ["type"] = 1,
            ["options"] = new JsonArray([.. options.Select(o => (JsonNode)new JsonObject { ["name"] = o.Name, ["type"] = o.Value.GetValueKind() == System.Text.Json.JsonValueKind.String ? 3 : 5, ["value"] = o.Value })]),
        };
        if (names.Length > 1)
            node = new JsonObject { ["name"] = names[0], ["type"] = 2, ["options"] = new JsonArray(node) };
        return new JsonObject { ["id"] = "1600000000000000001", ["name"] = "slo", ["type"] = 1, ["guild_id"] = GuildId, ["options"] = new JsonArray(node) };
    }

    public static async Task<DiscordEmulator> StartAsync(TimeProvider? time = null, bool inlineScheduling = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        if (inlineScheduling)
            builder.WebHost.UseSockets(o => o.UnsafePreferInlineScheduling = true);
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var emulator = new DiscordEmulator(app, time ?? TimeProvider.System);
        app.UseWebSockets();
        emulator.MapRoutes(app);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        emulator.ApiBaseUrl = new Uri($"http://127.0.0.1:{port}/api/v10");
        emulator.WebSocketBase = $"ws://127.0.0.1:{port}";
        return emulator;
    }

    public string NextId() => Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Sends an INTERACTION_CREATE (a real-shaped guild interaction) over the Gateway; returns the interaction.</summary>
    public async Task<JsonObject> InteractAsync(int type, JsonObject data, string channelId = ChannelId, JsonObject? message = null, JsonObject? channel = null)
    {
        var interaction = Interaction(type, data, channelId, message, channel);
        await Gateway.DispatchAsync("INTERACTION_CREATE", interaction).ConfigureAwait(false);
        return interaction;
    }

    /// <summary>An interaction object as Discord sends it in a guild (member.user, channel, token, app_permissions …).</summary>
    public JsonObject Interaction(int type, JsonObject data, string channelId = ChannelId, JsonObject? message = null, JsonObject? channel = null)
    {
        var id = NextId();
        var token = "aW50ZXJhY3Rpb246" + id + ":emulated";
        var interaction = new JsonObject
        {
            ["id"] = id,
            ["application_id"] = ApplicationId,
            ["type"] = type,
            ["data"] = data,
            ["guild_id"] = GuildId,
            ["channel_id"] = channelId,
            ["channel"] = channel ?? new JsonObject { ["id"] = channelId, ["type"] = 0, ["guild_id"] = GuildId, ["name"] = "sre", ["parent_id"] = null },
            ["member"] = new JsonObject
            {
                ["user"] = new JsonObject { ["id"] = "1500000000000000001", ["username"] = "ada", ["global_name"] = "Ada", ["discriminator"] = "0", ["avatar"] = null },
                ["roles"] = new JsonArray(),
                ["nick"] = null,
                ["permissions"] = "2248473465835073",
                ["joined_at"] = "2024-01-01T00:00:00.000000+00:00",
            },
            ["token"] = token,
            ["version"] = 1,
            ["app_permissions"] = "2248473465835073",
            ["locale"] = "en-GB",
            ["guild_locale"] = "en-US",
            ["entitlements"] = new JsonArray(),
            ["authorizing_integration_owners"] = new JsonObject { ["0"] = GuildId },
            ["context"] = 0,
            ["attachment_size_limit"] = 10_485_760,
        };
        if (message is not null)
            interaction["message"] = message;
        _interactions[token] = (JsonObject)interaction.DeepClone();
        return interaction;
    }

    /// <summary>The requests that answered one interaction (callback, edits, follow-ups), in order.</summary>
    public IReadOnlyList<RecordedRequest> ResponsesTo(JsonObject interaction)
    {
        var id = interaction["id"]!.GetValue<string>();
        var token = interaction["token"]!.GetValue<string>();
        return Requests.Where(r => r.Path.Contains(id + "/" + token, StringComparison.Ordinal) || r.Path.Contains("/" + token, StringComparison.Ordinal)).ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private void Record(HttpContext context, string path, JsonNode? body, IReadOnlyList<string> files, long arrived)
    {
        var request = new RecordedRequest(
            context.Request.Method,
            path,
            body,
            files,
            context.Request.Headers.Authorization.ToString(),
            context.Request.Headers.UserAgent.ToString(),
            _time.GetUtcNow(),
            arrived,
            context.Response.StatusCode);
        _requests.Enqueue(request);
        Recorded?.Invoke(request);
    }
}
