using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace SloBot.Discord.Tests.Emulator;

/// <summary>
/// A Gateway that speaks v10 JSON like Discord: Hello with a heartbeat interval, Heartbeat → ACK, Identify → READY
/// (new session, sequence from 1), Resume → replay of missed dispatches then RESUMED (or op 9 when the session is
/// unknown), dispatches numbered per session and buffered while the client is away.
/// </summary>
public sealed class EmulatedGateway(DiscordEmulator emulator, TimeProvider time)
{
    private readonly Lock _sync = new();
    private readonly List<(long Seq, string Type, JsonObject Data)> _log = [];
    private readonly List<GatewayFrame> _frames = [];
    private Connection? _live;
    private string? _sessionId;
    private long _seq;
    private int _connections;

    public int HeartbeatIntervalMs { get; set; } = 41_250;

    public bool AckHeartbeats { get; set; } = true;

    /// <summary>When set, an Identify is answered by closing with this code (4004, 4014 …).</summary>
    public int? CloseOnIdentify { get; set; }

    public int SessionStartRemaining { get; set; } = 1000;

    public int Connections { get { lock (_sync) return _connections; } }

    public string? SessionId { get { lock (_sync) return _sessionId; } }

    public IReadOnlyList<GatewayFrame> Frames { get { lock (_sync) return _frames.ToArray(); } }

    public IEnumerable<GatewayFrame> FramesWithOp(int op) => Frames.Where(f => f.Op == op);

    /// <summary>True while a client is connected and identified or resumed.</summary>
    public bool IsLive { get { lock (_sync) return _live is { Ready: true }; } }

    /// <summary>Sends a dispatch (op 0) with the next sequence number now, or keeps it for the client's resume.</summary>
    public async Task DispatchAsync(string type, JsonObject data)
    {
        Connection? live;
        JsonObject frame;
        lock (_sync)
        {
            _seq++;
            _log.Add((_seq, type, data));
            frame = Frame(0, data.DeepClone(), _seq, type);
            live = _live is { Ready: true } ? _live : null;
        }

        if (live is not null)
            await live.SendAsync(frame).ConfigureAwait(false);
    }

    /// <summary>Sends any payload on the live connection (op 7, op 9, op 1).</summary>
    public Task SendAsync(int op, JsonNode? data) => Current().SendAsync(Frame(op, data, null, null));

    /// <summary>Sends raw bytes as one text (or binary) frame on the live connection (frames that are not valid UTF-8 or JSON).</summary>
    public Task SendRawAsync(byte[] frame, bool binary = false) => Current().SendRawAsync(frame, binary);

    /// <summary>Closes the live connection with a code, as Discord does.</summary>
    public Task CloseAsync(int code) => Current().CloseAsync(code);

    /// <summary>Drops the TCP connection without a close frame (a network failure).</summary>
    public void Kill() => Current().Abort();

    internal async Task AcceptAsync(WebSocket socket, string path, CancellationToken cancellationToken)
    {
        int index;
        lock (_sync)
            index = ++_connections;
        var connection = new Connection(socket);
        await connection.SendAsync(Frame(10, new JsonObject { ["heartbeat_interval"] = HeartbeatIntervalMs }, null, null)).ConfigureAwait(false);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var payload = await connection.ReceiveAsync(cancellationToken).ConfigureAwait(false);
                if (payload is null)
                    break;
                var op = payload["op"]!.GetValue<int>();
                lock (_sync)
                    _frames.Add(new GatewayFrame(index, path, op, payload["d"]?.DeepClone(), time.GetUtcNow()));
                switch (op)
                {
                    case 1 when AckHeartbeats:
                        await connection.SendAsync(Frame(11, null, null, null)).ConfigureAwait(false);
                        break;
                    case 2:
                        await IdentifyAsync(connection, payload["d"]!).ConfigureAwait(false);
                        break;
                    case 6:
                        await ResumeAsync(connection, payload["d"]!).ConfigureAwait(false);
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // client went away
        }
        finally
        {
            lock (_sync)
            {
                if (_live == connection)
                    _live = null;
            }
        }
    }

    private async Task IdentifyAsync(Connection connection, JsonNode identify)
    {
        var refuse = CloseOnIdentify ?? (identify["token"]?.GetValue<string>() == emulator.BotToken ? null : 4004);
        if (refuse is { } code)
        {
            await connection.CloseAsync(code).ConfigureAwait(false);
            return;
        }

        JsonObject ready;
        lock (_sync)
        {
            SessionStartRemaining--;
            _sessionId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
            _log.Clear();
            _seq = 1;
            ready = Frame(0, new JsonObject
            {
                ["v"] = 10,
                ["user"] = new JsonObject { ["id"] = emulator.BotUserId, ["username"] = "SloBot", ["discriminator"] = "0", ["global_name"] = null, ["avatar"] = null, ["bot"] = true },
                ["guilds"] = new JsonArray(new JsonObject { ["id"] = DiscordEmulator.GuildId, ["unavailable"] = true }),
                ["session_id"] = _sessionId,
                ["resume_gateway_url"] = $"{emulator.WebSocketBase}/resume",
                ["shard"] = new JsonArray(0, 1),
                ["application"] = new JsonObject { ["id"] = emulator.ApplicationId, ["flags"] = 8_953_856 },
            }, _seq, "READY");
            connection.Ready = true;
            _live = connection;
        }

        await connection.SendAsync(ready).ConfigureAwait(false);
    }

    private async Task ResumeAsync(Connection connection, JsonNode resume)
    {
        List<JsonObject> replay;
        lock (_sync)
        {
            var known = resume["session_id"]?.GetValue<string>() == _sessionId && _sessionId is not null;
            if (!known)
                replay = [];
            else
            {
                var after = resume["seq"]?.GetValue<long>() ?? 0;
                replay = _log.Where(e => e.Seq > after).Select(e => Frame(0, e.Data.DeepClone(), e.Seq, e.Type)).ToList();
                _seq++;
                replay.Add(Frame(0, new JsonObject(), _seq, "RESUMED"));
                connection.Ready = true;
                _live = connection;
            }
        }

        if (replay.Count == 0)
        {
            await connection.SendAsync(Frame(9, false, null, null)).ConfigureAwait(false);
            return;
        }

        foreach (var frame in replay)
            await connection.SendAsync(frame).ConfigureAwait(false);
    }

    private Connection Current()
    {
        lock (_sync)
            return _live ?? throw new InvalidOperationException("no live Gateway connection");
    }

    private static JsonObject Frame(int op, JsonNode? data, long? seq, string? type) =>
        new() { ["op"] = op, ["d"] = data, ["s"] = seq, ["t"] = type };

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "Lives as long as the socket, which the server disposes")]
    private sealed class Connection(WebSocket socket)
    {
        private readonly SemaphoreSlim _send = new(1, 1);

        public bool Ready { get; set; }

        public Task SendAsync(JsonObject frame) => SendRawAsync(Encoding.UTF8.GetBytes(frame.ToJsonString()));

        public async Task SendRawAsync(byte[] frame, bool binary = false)
        {
            await _send.WaitAsync().ConfigureAwait(false);
            try
            {
                if (socket.State == WebSocketState.Open)
                    await socket.SendAsync(frame, binary ? WebSocketMessageType.Binary : WebSocketMessageType.Text, true, CancellationToken.None).ConfigureAwait(false);
            }
            catch (WebSocketException)
            {
                // the client is gone; the dispatch stays in the session log for its resume
            }
            finally
            {
                _send.Release();
            }
        }

        public async Task<JsonObject?> ReceiveAsync(CancellationToken cancellationToken)
        {
            var buffer = new byte[16 * 1024];
            using var message = new MemoryStream();
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                    return null;
                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                    return JsonNode.Parse(message.ToArray()) as JsonObject;
            }
        }

        public async Task CloseAsync(int code)
        {
            Ready = false;
            try
            {
                await socket.CloseOutputAsync((WebSocketCloseStatus)code, "emulator", CancellationToken.None).ConfigureAwait(false);
            }
            catch (WebSocketException)
            {
                // already gone
            }
        }

        public void Abort()
        {
            Ready = false;
            socket.Abort();
        }
    }
}
