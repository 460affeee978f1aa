using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace SloBot.Discord.Gateway;

/// <summary>One Gateway WebSocket connection: whole JSON frames in (reassembled), serialised JSON frames out (≤ 4096 bytes).</summary>
internal sealed class GatewaySocket : IAsyncDisposable
{
    private const int MaxSend = 4096;
    private readonly ClientWebSocket _socket = new();
    private readonly SemaphoreSlim _send = new(1, 1);
    private readonly ArrayBufferWriter<byte> _received = new(16 * 1024); // reused: ReceiveAsync is never called concurrently
    private readonly TimeProvider _time;

    public GatewaySocket(string userAgent, TimeProvider time)
    {
        _time = time;
        _socket.Options.SetRequestHeader("User-Agent", userAgent);
    }

    public async Task ConnectAsync(Uri url, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10), _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        await _socket.ConnectAsync(url, linked.Token).ConfigureAwait(false);
    }

    /// <summary>
    /// The next payload, or the close code (null when the connection ended without one), or why a frame was ignored
    /// (not valid UTF-8 or not a JSON object: see <see cref="Inbound.InteractionParser.Read"/>).
    /// </summary>
    public async Task<(JsonObject? Payload, int? CloseCode, string? Ignored)> ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = _received;
        buffer.ResetWrittenCount();
        while (true)
        {
            var memory = buffer.GetMemory(8192);
            var result = await _socket.ReceiveAsync(memory, cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
                return (null, _socket.CloseStatus is { } status ? (int)status : null, null);
            buffer.Advance(result.Count);
            if (!result.EndOfMessage)
                continue;
            var payload = Inbound.InteractionParser.Read(buffer.WrittenSpan, out var ignored);
            return (payload, null, ignored);
        }
    }

    public async Task SendAsync(JsonObject payload, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(payload.ToJsonString());
        if (bytes.Length > MaxSend)
            throw new InvalidOperationException($"Gateway payload of {bytes.Length} bytes exceeds Discord's {MaxSend}-byte limit");
        await _send.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(bytes, WebSocketMessageType.Text, true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _send.Release();
        }
    }

    /// <summary>Closes with a code that keeps the session resumable (4000), without waiting long for the server.</summary>
    public async Task CloseAsync(int code, CancellationToken cancellationToken)
    {
        if (_socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
            return;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2), _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            await _socket.CloseOutputAsync((WebSocketCloseStatus)code, "reconnecting", linked.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // the connection is going away anyway
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Abort();
        _socket.Dispose();
        _send.Dispose();
        return ValueTask.CompletedTask;
    }
}
