using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using SloBot.Transport.Telemetry;
using SloBot.Slack.Inbound;

namespace SloBot.Slack.SocketMode;

/// <summary>
/// One Socket Mode WebSocket: waits for <c>hello</c>, records every envelope in the inbox and acks it on this socket at
/// once, and only then hands it on, and reports when Slack asks to move (<c>disconnect</c>) or the socket drops. After a
/// <c>disconnect</c> it keeps reading and acking until the replacement is up and it is closed.
/// </summary>
internal sealed partial class SocketModeConnection : IAsyncDisposable
{
    /// <summary>Why <see cref="Ended"/> completed when the socket itself went away.</summary>
    public const string Dropped = "dropped";

    private static readonly byte[] AckPrefix = Encoding.UTF8.GetBytes("{\"envelope_id\":");
    private readonly ClientWebSocket _socket;
    private readonly SlackInbound _inbound;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Channel<PendingAck> _acks = Channel.CreateUnbounded<PendingAck>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource _hello = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _envelopes;
    private readonly TaskCompletionSource<string> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private Task _receiving = Task.CompletedTask;
    private Task _acking = Task.CompletedTask;

    private SocketModeConnection(ClientWebSocket socket, int id, SlackInbound inbound, ILogger logger, TimeProvider time)
    {
        _socket = socket;
        _time = time;
        Id = id;
        _inbound = inbound;
        _logger = logger;
    }

    public int Id { get; }

    /// <summary>Completes with the <c>disconnect</c> reason Slack gave, or <see cref="Dropped"/>.</summary>
    public Task<string> Ended => _ended.Task;

    /// <summary>Envelopes this connection delivered: one that delivered any was serving, not flapping.</summary>
    public int Envelopes => Volatile.Read(ref _envelopes);

    public static async Task<SocketModeConnection> OpenAsync(Uri url, int id, SlackInbound inbound, ILogger logger, TimeProvider time, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(5);
        socket.Options.KeepAliveTimeout = TimeSpan.FromSeconds(10); // half-open TCP: no pong in time drops the socket
        var connection = new SocketModeConnection(socket, id, inbound, logger, time);
        try
        {
            await socket.ConnectAsync(url, cancellationToken).ConfigureAwait(false);
            connection._receiving = connection.ReceiveLoopAsync();
            connection._acking = connection.AckLoopAsync();
            await connection._hello.Task.WaitAsync(TimeSpan.FromSeconds(10), time, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Closes politely (the replacement is up); envelopes arriving meanwhile are still acked.</summary>
    public async Task CloseAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2), _time);
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "replaced", timeout.Token).ConfigureAwait(false);
                await _receiving.WaitAsync(TimeSpan.FromSeconds(2), _time).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or TimeoutException or ObjectDisposedException)
        {
            LogCloseFailed(_logger, Id, ex.Message);
        }

        await DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
            await _stop.CancelAsync().ConfigureAwait(false);
        _socket.Abort();
        try
        {
            await _receiving.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // the loop ends with the socket
        }

        _acks.Writer.TryComplete();
        await _acking.ConfigureAwait(false);
        _socket.Dispose();
        _stop.Dispose();
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                buffer.Clear();
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer.GetMemory(8 * 1024), _stop.Token).ConfigureAwait(false);
                    buffer.Advance(result.Count);
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                    break;
                if (result.MessageType == WebSocketMessageType.Text)
                    await HandleFrameAsync(buffer.WrittenMemory).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            LogReceiveEnded(_logger, Id, ex.Message);
        }
        finally
        {
            _hello.TrySetException(new WebSocketException("The Socket Mode connection closed before hello."));
            _ended.TrySetResult(Dropped);
        }
    }

    private async Task HandleFrameAsync(ReadOnlyMemory<byte> frame)
    {
        var arrived = _time.GetTimestamp();
        JsonElement root;
        try
        {
            using var doc = JsonDocument.Parse(frame);
            root = doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            LogBadFrame(_logger, Id, frame.Length);
            return;
        }

        var type = root.Text("type");
        if (root.Text("envelope_id") is { } envelopeId)
        {
            Interlocked.Increment(ref _envelopes);
            // Off the receive loop, so that envelopes of a burst are recorded together (one insert) and acked at once.
            // Pending from now until acked: no command work takes a turn meanwhile (acks first).
            _ = RecordAndAckAsync(envelopeId, type, root.TryGetProperty("payload", out var p) ? p : default, arrived, _inbound.Acknowledging());
            return;
        }

        switch (type)
        {
            case "hello":
                _hello.TrySetResult();
                break;
            case "disconnect":
                var reason = root.Text("reason") ?? "unknown";
                LogDisconnect(_logger, Id, reason);
                _ended.TrySetResult(reason);
                break;
        }
    }

    /// <summary>
    /// Records the envelope in the inbox, then acks it, then starts the work: a process that dies before the ack leaves
    /// the envelope unacked (Slack delivers it again), one that dies after leaves it recorded (another process runs it).
    /// The work waits for the ack (acks first: <see cref="SlackInbound.Acknowledging"/> stays pending until it is sent).
    /// </summary>
    private async Task RecordAndAckAsync(string envelopeId, string? type, JsonElement payload, long arrived, IDisposable pendingAck)
    {
        InboundEvent? accepted;
        try
        {
            accepted = await _inbound.RecordEnvelopeAsync(envelopeId, type, payload).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
            LogAckFailed(_logger, Id, ex.Message); // shutting down before it was recorded: Slack delivers it again
            pendingAck.Dispose();
            return;
        }
        catch
        {
            pendingAck.Dispose();
            throw;
        }

        if (!_acks.Writer.TryWrite(new PendingAck(envelopeId, arrived, pendingAck)))
        {
            LogAckFailed(_logger, Id, "the socket is closing"); // a copy Slack delivers again is a duplicate of the recorded one
            pendingAck.Dispose();
        }

        _inbound.Start(accepted); // recorded and leased to this process: its work, acked or not
    }

    /// <summary>
    /// The one sender of acks on this socket: a burst's acks go out back to back as their records complete, with no
    /// hand-over between senders. An ack that cannot be sent (the socket went away) is logged; Slack delivers it again.
    /// </summary>
    private async Task AckLoopAsync()
    {
        var ack = new ArrayBufferWriter<byte>(96);
        var failed = false;
        await foreach (var pending in _acks.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            try
            {
                if (failed)
                    continue;
                ack.Clear();
                ack.Write(AckPrefix);
                using (var writer = new Utf8JsonWriter(ack))
                    writer.WriteStringValue(pending.EnvelopeId);
                ack.Write("}"u8);
                await _socket.SendAsync(ack.WrittenMemory, WebSocketMessageType.Text, true, _stop.Token).ConfigureAwait(false);
                TransportTelemetry.RecordAck(SlackPayloads.Platform, "socket", _time.GetElapsedTime(pending.Arrived));
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
            {
                failed = true;
                LogAckFailed(_logger, Id, ex.Message); // a copy Slack delivers again is a duplicate of the recorded one
            }
            finally
            {
                pending.Scope.Dispose();
            }
        }
    }

    private readonly record struct PendingAck(string EnvelopeId, long Arrived, IDisposable Scope);

    [LoggerMessage(EventId = 3200, Level = LogLevel.Information, Message = "Slack socket {Connection}: disconnect requested ({Reason})")]
    private static partial void LogDisconnect(ILogger logger, int connection, string reason);

    [LoggerMessage(EventId = 3201, Level = LogLevel.Debug, Message = "Slack socket {Connection}: receiving ended ({Reason})")]
    private static partial void LogReceiveEnded(ILogger logger, int connection, string reason);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Warning, Message = "Slack socket {Connection}: ignored a frame that is not JSON ({Bytes} bytes)")]
    private static partial void LogBadFrame(ILogger logger, int connection, int bytes);

    [LoggerMessage(EventId = 3204, Level = LogLevel.Debug, Message = "Slack socket {Connection}: an ack could not be sent ({Reason})")]
    private static partial void LogAckFailed(ILogger logger, int connection, string reason);

    [LoggerMessage(EventId = 3203, Level = LogLevel.Debug, Message = "Slack socket {Connection}: close did not complete cleanly ({Reason})")]
    private static partial void LogCloseFailed(ILogger logger, int connection, string reason);
}
