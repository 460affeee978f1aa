using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SloBot.Slack.Tests.Emulator;

/// <summary>
/// An in-process Slack: Kestrel on 127.0.0.1 (free port) serving the Web API methods SloBot uses, response_urls,
/// file uploads, and Socket Mode WebSockets that send real-shaped envelopes and record acks. Envelopes not acked
/// when their socket dies are delivered again on the next connection (as Slack does), with retry_attempt raised.
/// </summary>
public sealed partial class SlackEmulator : IAsyncDisposable
{
    public const string AppId = "A0EMULATOR";
    public const string AppToken = "xapp-FAKE-emulator";
    public const string BotToken = "xoxb-FAKE-emulator";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ApiCall> _calls = new();
    private readonly ConcurrentDictionary<string, Ack> _acks = new();
    private readonly ConcurrentDictionary<string, (JsonObject Envelope, int SocketId)> _unacked = new();
    private readonly ConcurrentDictionary<string, (int Count, int RetryAfterSeconds)> _rateLimits = new();
    private readonly ConcurrentDictionary<string, bool> _expiredResponseUrls = new();
    private readonly ConcurrentDictionary<string, bool> _tickets = new();
    private readonly ConcurrentQueue<PostedMessage> _posted = new();
    private readonly List<EmulatedSocket> _sockets = [];
    private int _losePostAnswers;
    private int _held;
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();
    private long _ts = 1_700_000_000_000_100;
    private int _ids;
    private bool _disposing;

    private SlackEmulator(WebApplication app, TimeProvider time)
    {
        _app = app;
        Time = time;
    }

    public TimeProvider Time { get; }

    public Uri BaseUrl { get; private set; } = null!;

    public string ApiBaseUrl => new Uri(BaseUrl, "api/").ToString();

    public IReadOnlyList<ApiCall> Calls => _calls.ToArray();

    public IReadOnlyDictionary<string, Ack> Acks => _acks;

    /// <summary>Messages chat.postMessage posted, as conversations.history and conversations.replies list them.</summary>
    public IReadOnlyList<PostedMessage> Posted => _posted.ToArray();

    /// <summary>The next this-many chat.postMessage calls post the message and then drop the connection: the answer is lost, the message is not.</summary>
    public int LosePostAnswers
    {
        get => Math.Max(0, Volatile.Read(ref _losePostAnswers));
        set => Volatile.Write(ref _losePostAnswers, value);
    }

    /// <summary>Times the number of open sockets fell from one to none (a gap in which Slack could deliver nothing).</summary>
    public int Gaps { get; private set; }

    /// <summary>When false, the emulator does not redeliver unacked envelopes (to watch the first delivery alone).</summary>
    public bool RedeliverUnacked { get; set; } = true;

    /// <summary>usergroups.list: group id → member user ids (S0SRE has U0ALICE).</summary>
    public Dictionary<string, string[]> UserGroups { get; } = new() { ["S0SRE"] = ["U0ALICE", "U0BOB"] };

    /// <summary>usergroups.list answers missing_scope (the app was installed without usergroups:read).</summary>
    public bool UserGroupsScopeMissing { get; set; }

    /// <summary>apps.connections.open answers this error instead of a URL (e.g. "invalid_auth").</summary>
    public string? ConnectionsOpenError { get; set; }

    public IReadOnlyList<EmulatedSocket> Sockets
    {
        get
        {
            lock (_lock)
                return _sockets.ToArray();
        }
    }

    public IReadOnlyList<EmulatedSocket> OpenSockets => Sockets.Where(s => s.IsOpen).ToArray();

    public static async Task<SlackEmulator> StartAsync(TimeProvider? time = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var emulator = new SlackEmulator(app, time ?? TimeProvider.System);
        app.UseWebSockets();
        app.Map("/link", emulator.AcceptSocketAsync);
        app.MapPost("/api/{method}", (HttpContext context, string method) => emulator.ApiAsync(context, method, null));
        app.MapPost("/{prefix}/api/{method}", (HttpContext context, string prefix, string method) => emulator.ApiAsync(context, method, prefix));
        app.MapPost("/response/{id}", emulator.ResponseUrlAsync);
        app.MapPost("/upload/{fileId}", emulator.UploadAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        emulator.BaseUrl = new Uri(address.EndsWith('/') ? address : address + "/");
        return emulator;
    }

    /// <summary>
    /// 429 storms: when set, asked before every Web API call, response_url POST and file upload (by method name,
    /// "response_url" or "upload"); a number answers 429 with that many seconds in Retry-After, null serves the call.
    /// Unset by default.
    /// </summary>
    public Func<string, int?>? Throttle { get; set; }

    /// <summary>
    /// Web API and response_url calls this says yes to are held unanswered and unrecorded (a replica stuck mid-work) until
    /// <see cref="DropHeld"/>, which drops their connections: they never reached Slack.
    /// </summary>
    public Func<ApiCall, bool>? Hold { get; set; }

    /// <summary>Calls held by <see cref="Hold"/> so far.</summary>
    public int Held => Volatile.Read(ref _held);

    /// <summary>Drops every held call (and any later one <see cref="Hold"/> says yes to) without answering or recording it.</summary>
    public void DropHeld() => _release.TrySetResult();

    /// <summary>Holds <paramref name="call"/> when <see cref="Hold"/> says so; true when it was held and dropped.</summary>
    private async Task<bool> HeldAsync(HttpContext context, ApiCall call)
    {
        if (Hold?.Invoke(call) != true)
            return false;
        Interlocked.Increment(ref _held);
        await _release.Task;
        context.Abort();
        return true;
    }

    /// <summary>The next <paramref name="count"/> calls of <paramref name="method"/> get 429 with Retry-After.</summary>
    public void RateLimit(string method, int count, int retryAfterSeconds) => _rateLimits[method] = (count, retryAfterSeconds);

    public string NewResponseUrl(out string id)
    {
        id = $"R{Interlocked.Increment(ref _ids)}";
        return new Uri(BaseUrl, $"response/{id}").ToString();
    }

    public void ExpireResponseUrl(string id) => _expiredResponseUrls[id] = true;

    /// <summary>
    /// Sends an envelope on an open socket (the newest unless one is given); returns its envelope id.
    /// <paramref name="lostInFlight"/> counts it as sent on that socket without it ever arriving.
    /// </summary>
    public async Task<string> SendAsync(JsonObject envelope, EmulatedSocket? via = null, bool lostInFlight = false)
    {
        var socket = via ?? OpenSockets.LastOrDefault() ?? throw new InvalidOperationException("No open Socket Mode connection.");
        var id = envelope["envelope_id"]!.GetValue<string>();
        _unacked[id] = (envelope, socket.Id);
        if (!lostInFlight)
            await socket.SendTextAsync(envelope.ToJsonString());
        return id;
    }

    /// <summary>As <see cref="SendAsync"/>, with the envelope already serialised (<paramref name="utf8"/>: its JSON text).</summary>
    public async Task<string> SendAsync(JsonObject envelope, ReadOnlyMemory<byte> utf8, EmulatedSocket via)
    {
        var id = envelope["envelope_id"]!.GetValue<string>();
        _unacked[id] = (envelope, via.Id);
        await via.SendUtf8Async(utf8);
        return id;
    }

    /// <summary>While true, new sockets are accepted but their hello waits.</summary>
    public bool HoldNextSocket { get; set; }

    public IReadOnlyList<ApiCall> CallsOf(string method) => Calls.Where(c => c.Method == method).ToArray();

    /// <summary>Waits until <paramref name="condition"/> holds: <see cref="SloBot.Testing.Poll"/>, the tests' one polling helper.</summary>
    public static Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        SloBot.Testing.Poll.UntilAsync(condition, what, timeout);

    public Task<EmulatedSocket> WaitForSocketAsync(int openedAtLeast = 1) => WaitForAsync(() =>
    {
        // The newest socket, once it said hello: an older one still open (make before break) is not the one waited for.
        var sockets = Sockets;
        return sockets.Count >= openedAtLeast && sockets[^1] is { IsOpen: true } newest ? newest : null;
    }, $"socket #{openedAtLeast}");

    public static Task<T> WaitForAsync<T>(Func<T?> probe, string what, TimeSpan? timeout = null)
        where T : class => SloBot.Testing.Poll.ForAsync(probe, what, timeout);

    internal void OnHello(EmulatedSocket socket)
    {
        if (!RedeliverUnacked)
            return;
        foreach (var (id, (envelope, socketId)) in _unacked)
        {
            if (socketId == socket.Id || Sockets.Any(s => s.Id == socketId && s.IsOpen))
                continue;
            var again = (JsonObject)envelope.DeepClone();
            if (again["type"]?.GetValue<string>() == "events_api")
            {
                again["retry_attempt"] = (again["retry_attempt"]?.GetValue<int>() ?? 0) + 1;
                again["retry_reason"] = "timeout";
            }

            _unacked[id] = (again, socket.Id);
            _ = socket.SendTextAsync(again.ToJsonString());
        }
    }

    internal void OnAck(EmulatedSocket socket, string envelopeId, JsonElement frame)
    {
        _acks.TryAdd(envelopeId, new Ack(envelopeId, socket.Id, Time.GetUtcNow(), frame));
        _unacked.TryRemove(envelopeId, out _);
    }

    internal void OnClosed(EmulatedSocket socket)
    {
        lock (_lock)
        {
            if (_sockets.All(s => !s.IsOpen) && socket.HelloAt is not null && !_disposing)
                Gaps++;
        }

        if (RedeliverUnacked && OpenSockets.LastOrDefault() is { } other)
            OnHello(other);
    }

    private async Task AcceptSocketAsync(HttpContext context)
    {
        var ticket = context.Request.Query["ticket"].ToString();
        if (!context.WebSockets.IsWebSocketRequest || !_tickets.TryRemove(ticket, out _))
        {
            context.Response.StatusCode = 400; // tickets are single use, as Slack's are
            return;
        }

        using var ws = await context.WebSockets.AcceptWebSocketAsync();
        EmulatedSocket socket;
        lock (_lock)
        {
            socket = new EmulatedSocket(_sockets.Count + 1, ws, context, this);
            _sockets.Add(socket);
        }

        await socket.RunAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _disposing = true;
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
