using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace SloBot.Discord.Tests.Emulator;

/// <summary>
/// A Gateway that speaks v10 JSON like Discord: Hello with a heartbeat interval, Heartbeat → ACK, Identify → READY
/// (new session for the identify's <c>shard</c>, sequence from 1), Resume → replay of missed dispatches then RESUMED
/// (or op 9 when the session is unknown), dispatches numbered per session and buffered while the client is away.
/// A dispatch goes to the shard of its guild (<c>(guild_id &gt;&gt; 22) % shards</c>) or to the shard named. A close
/// with 1000/1001 ends the session. Members without a shard mean shard 0 (the only one of a single-shard bot).
/// </summary>
public sealed class EmulatedGateway(DiscordEmulator emulator, TimeProvider time)
{
    private readonly Lock _sync = new();
    private readonly List<GatewayFrame> _frames = [];
    private readonly Dictionary<int, Session> _byShard = [];
    private readonly Dictionary<string, Session> _byId = [];
    private readonly Dictionary<int, int> _liveNow = [];
    private readonly Dictionary<int, int> _mostLiveAtOnce = [];
    private int _connections;
    private int _shardCount = 1;

    public int HeartbeatIntervalMs { get; set; } = 41_250;

    public bool AckHeartbeats { get; set; } = true;

    /// <summary>When set, an Identify is answered by closing with this code (4004, 4014 …).</summary>
    public int? CloseOnIdentify { get; set; }

    public int SessionStartRemaining { get; set; } = 1000;

    /// <summary><c>shards</c> in <c>GET /gateway/bot</c>: Discord's recommended shard count.</summary>
    public int RecommendedShards { get; set; } = 1;

    /// <summary><c>session_start_limit.max_concurrency</c> in <c>GET /gateway/bot</c>.</summary>
    public int MaxConcurrency { get; set; } = 1;

    public int Connections { get { lock (_sync) return _connections; } }

    /// <summary>Shard 0's current session.</summary>
    public string? SessionId => SessionOf(0);

    public IReadOnlyList<GatewayFrame> Frames { get { lock (_sync) return _frames.ToArray(); } }

    public IEnumerable<GatewayFrame> FramesWithOp(int op) => Frames.Where(f => f.Op == op);

    /// <summary>True while a client is connected and identified or resumed on shard 0.</summary>
    public bool IsLive => IsShardLive(0);

    public string? SessionOf(int shard) { lock (_sync) return _byShard.TryGetValue(shard, out var s) ? s.Id : null; }

    public bool IsShardLive(int shard) { lock (_sync) return _byShard.TryGetValue(shard, out var s) && s.Live is { Ready: true }; }

    /// <summary>The most connections ever live (identified or resumed, not yet closed) at once for <paramref name="shard"/>: 1 when no two replicas ever ran it together.</summary>
    public int MostLiveAtOnce(int shard) { lock (_sync) return _mostLiveAtOnce.GetValueOrDefault(shard); }

    /// <summary>Sends a dispatch (op 0) on its guild's shard with the next sequence number now, or keeps it for the client's resume.</summary>
    public Task DispatchAsync(string type, JsonObject data) => DispatchAsync(type, data, ShardOf(data));

    /// <summary>Sends a dispatch on <paramref name="shard"/>'s session (dropped, as by Discord, when that shard has none).</summary>
    public async Task DispatchAsync(string type, JsonObject data, int shard)
    {
        Connection? live;
        JsonObject frame;
        lock (_sync)
        {
            if (!_byShard.TryGetValue(shard, out var session))
                return;
            session.Seq++;
            session.Log.Add((session.Seq, type, data));
            frame = Frame(0, data.DeepClone(), session.Seq, type);
            live = session.Live is { Ready: true } ? session.Live : null;
        }

        if (live is not null)
            await live.SendAsync(frame).ConfigureAwait(false);
    }

    /// <summary>
    /// Dispatches made ready ahead — sequence numbers taken now, in order, frames serialised (the load harness builds a
    /// burst before its clock starts) — to send with <see cref="SendPreparedAsync"/> in the same order, with nothing else
    /// dispatched on their shards in between. One whose shard has no session is dropped, as by <see cref="DispatchAsync(string, JsonObject)"/>.
    /// </summary>
    public IReadOnlyList<PreparedDispatch> Prepare(string type, IEnumerable<JsonObject> data)
    {
        var prepared = new List<PreparedDispatch>();
        lock (_sync)
        {
            foreach (var d in data)
            {
                var shard = ShardOf(d);
                if (!_byShard.TryGetValue(shard, out var session))
                    continue;
                session.Seq++;
                session.Log.Add((session.Seq, type, d));
                prepared.Add(new PreparedDispatch(shard, Encoding.UTF8.GetBytes(Frame(0, d.DeepClone(), session.Seq, type).ToJsonString())));
            }
        }

        return prepared;
    }

    /// <summary>Sends a prepared dispatch on its shard's live connection (dropped when it has none ready).</summary>
    public Task SendPreparedAsync(PreparedDispatch dispatch)
    {
        Connection? live;
        lock (_sync)
            live = _byShard.TryGetValue(dispatch.Shard, out var session) && session.Live is { Ready: true } ? session.Live : null;
        return live is null ? Task.CompletedTask : live.SendRawAsync(dispatch.Frame);
    }

    /// <summary>A dispatch frame ready to send on <see cref="Shard"/>.</summary>
    public sealed record PreparedDispatch(int Shard, byte[] Frame);

    /// <summary>Sends any payload on the live connection (op 7, op 9, op 1).</summary>
    public Task SendAsync(int op, JsonNode? data, int shard = 0) => Current(shard).SendAsync(Frame(op, data, null, null));

    /// <summary>Sends raw bytes as one text (or binary) frame on the live connection (frames that are not valid UTF-8 or JSON).</summary>
    public Task SendRawAsync(byte[] frame, bool binary = false) => Current(0).SendRawAsync(frame, binary);

    /// <summary>Closes the live connection with a code, as Discord does.</summary>
    public Task CloseAsync(int code, int shard = 0) => Current(shard).CloseAsync(code);

    /// <summary>Drops the TCP connection without a close frame (a network failure).</summary>
    public void Kill(int shard = 0) => Current(shard).Abort();

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
                if (connection.Session is { } session)
                {
                    if (connection.Counted)
                        _liveNow[session.Shard]--;
                    if (session.Live == connection)
                        session.Live = null;
                    if (socket.CloseStatus is WebSocketCloseStatus.NormalClosure or WebSocketCloseStatus.EndpointUnavailable)
                        _byId.Remove(session.Id); // a normal close ends the session: it cannot be resumed
                }
            }
        }
    }

    private int ShardOf(JsonObject data)
    {
        lock (_sync)
            return ulong.TryParse(data["guild_id"]?.GetValue<string>(), out var guild) ? (int)((guild >> 22) % (ulong)_shardCount) : 0;
    }

    private async Task IdentifyAsync(Connection connection, JsonNode identify)
    {
        var refuse = CloseOnIdentify ?? (identify["token"]?.GetValue<string>() == emulator.BotToken ? null : 4004);
        var shard = identify["shard"] is JsonArray { Count: 2 } pair ? (Id: pair[0]!.GetValue<int>(), Count: pair[1]!.GetValue<int>()) : (Id: 0, Count: 1);
        if (shard.Id < 0 || shard.Id >= shard.Count)
            refuse ??= 4010;
        if (refuse is { } code)
        {
            await connection.CloseAsync(code).ConfigureAwait(false);
            return;
        }

        JsonObject ready;
        lock (_sync)
        {
            SessionStartRemaining--;
            _shardCount = shard.Count;
            var session = new Session(Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()), shard.Id) { Seq = 1, Live = connection };
            _byShard[shard.Id] = session;
            _byId[session.Id] = session;
            var guilds = new JsonArray();
            if (ShardOf(new JsonObject { ["guild_id"] = DiscordEmulator.GuildId }) == shard.Id)
                guilds.Add(new JsonObject { ["id"] = DiscordEmulator.GuildId, ["unavailable"] = true });
            ready = Frame(0, new JsonObject
            {
                ["v"] = 10,
                ["user"] = new JsonObject { ["id"] = emulator.BotUserId, ["username"] = "SloBot", ["discriminator"] = "0", ["global_name"] = null, ["avatar"] = null, ["bot"] = true },
                ["guilds"] = guilds,
                ["session_id"] = session.Id,
                ["resume_gateway_url"] = $"{emulator.WebSocketBase}/resume",
                ["shard"] = new JsonArray(shard.Id, shard.Count),
                ["application"] = new JsonObject { ["id"] = emulator.ApplicationId, ["flags"] = 8_953_856 },
            }, session.Seq, "READY");
            Attach(connection, session);
        }

        await connection.SendAsync(ready).ConfigureAwait(false);
    }

    private async Task ResumeAsync(Connection connection, JsonNode resume)
    {
        List<JsonObject> replay = [];
        lock (_sync)
        {
            if (resume["session_id"]?.GetValue<string>() is { } id && _byId.TryGetValue(id, out var session))
            {
                var after = resume["seq"]?.GetValue<long>() ?? 0;
                replay = session.Log.Where(e => e.Seq > after).Select(e => Frame(0, e.Data.DeepClone(), e.Seq, e.Type)).ToList();
                session.Seq++;
                replay.Add(Frame(0, new JsonObject(), session.Seq, "RESUMED"));
                session.Live = connection;
                Attach(connection, session);
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

    /// <summary>Under the lock: the connection is now the session's, live, and counted for its shard.</summary>
    private void Attach(Connection connection, Session session)
    {
        connection.Ready = true;
        connection.Session = session;
        if (connection.Counted)
            return;
        connection.Counted = true;
        var live = _liveNow[session.Shard] = _liveNow.GetValueOrDefault(session.Shard) + 1;
        _mostLiveAtOnce[session.Shard] = Math.Max(live, _mostLiveAtOnce.GetValueOrDefault(session.Shard));
    }

    private Connection Current(int shard)
    {
        lock (_sync)
            return _byShard.TryGetValue(shard, out var s) && s.Live is { } live ? live : throw new InvalidOperationException($"no live Gateway connection on shard {shard}");
    }

    private static JsonObject Frame(int op, JsonNode? data, long? seq, string? type) =>
        new() { ["op"] = op, ["d"] = data, ["s"] = seq, ["t"] = type };

    private sealed class Session(string id, int shard)
    {
        public string Id { get; } = id;

        public int Shard { get; } = shard;

        public List<(long Seq, string Type, JsonObject Data)> Log { get; } = [];

        public long Seq { get; set; }

        public Connection? Live { get; set; }
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "Lives as long as the socket, which the server disposes")]
    private sealed class Connection(WebSocket socket)
    {
        private readonly SemaphoreSlim _send = new(1, 1);

        public bool Ready { get; set; }

        public Session? Session { get; set; }

        public bool Counted { get; set; }

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
