using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using SloBot.Transport.Sockets;
using SloBot.Transport.Telemetry;
using SloBot.Slack.Inbound;

namespace SloBot.Slack.SocketMode;

/// <summary>
/// One Socket Mode WebSocket: waits for <c>hello</c>, records every envelope in the inbox and acks it on this socket at
/// once, and only then hands it on, and reports when Slack asks to move (<c>disconnect</c>) or the socket drops. After a
/// <c>disconnect</c> it keeps reading and acking until the replacement is up and it is closed. Two loops: one reads and
/// parses frames, the other records what a burst left buffered in one inbox transaction and sends its acks in one write.
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
    /// <summary>At most this many envelopes are recorded and acked together.</summary>
    private const int MaxBatch = 200;
    private readonly TaskCompletionSource _hello = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _envelopes;
    private readonly TaskCompletionSource<string> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private Task _receiving = Task.CompletedTask;
    private Task _recording = Task.CompletedTask;
    private readonly Channel<List<Arrival>> _batches = Channel.CreateUnbounded<List<Arrival>>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private HttpMessageInvoker? _invoker;
    private CorkedStream? _stream;

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

    [SuppressMessage("Reliability", "CA2000:Dispose objects before losing scope", Justification = "The handler is the invoker's (disposeHandler), disposed with the connection.")]
    public static async Task<SocketModeConnection> OpenAsync(Uri url, int id, SlackInbound inbound, ILogger logger, TimeProvider time, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(5);
        socket.Options.KeepAliveTimeout = TimeSpan.FromSeconds(10); // half-open TCP: no pong in time drops the socket
        socket.Options.SetBuffer(64 * 1024, 4 * 1024); // a burst's envelopes are read many to a system call
        var connection = new SocketModeConnection(socket, id, inbound, logger, time);
        // Our own TCP stream under the socket (and its TLS), so that a burst's acks leave together (CorkedStream).
        connection._invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            ConnectCallback = async (context, ct) => connection._stream = await CorkedStream.ConnectAsync(context.DnsEndPoint, ct).ConfigureAwait(false),
        });
        try
        {
            await socket.ConnectAsync(url, connection._invoker, cancellationToken).ConfigureAwait(false);
            connection._receiving = connection.ReceiveLoopAsync();
            connection._recording = connection.RecordLoopAsync();
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

        await _recording.ConfigureAwait(false); // what was read is recorded (its acks fail: Slack delivers them again)
        _socket.Dispose();
        _invoker?.Dispose();
        _stop.Dispose();
    }

    /// <summary>
    /// Reads frames and hands the envelopes of those the socket already had buffered (a burst) to
    /// <see cref="RecordLoopAsync"/> together, as soon as the next frame is not there yet or <see cref="MaxBatch"/> have
    /// gathered, and reads on meanwhile: reading and parsing on one core, recording and acking on another.
    /// </summary>
    [SuppressMessage("Reliability", "CA2000:Dispose objects before losing scope", Justification = "Each arrival is disposed by RecordAndAckAsync (the last ones too, handed over when the loop ends).")]
    private async Task ReceiveLoopAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        var arrived = new List<Arrival>(MaxBatch);
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var next = ReceiveMessageAsync(buffer);
                if (arrived.Count > 0 && (!next.IsCompleted || arrived.Count >= MaxBatch) && _batches.Writer.TryWrite(arrived))
                    arrived = new List<Arrival>(MaxBatch);
                var type = await next.ConfigureAwait(false);
                if (type == WebSocketMessageType.Close)
                    break;
                if (type == WebSocketMessageType.Text && Read(buffer.WrittenMemory) is { } arrival)
                    arrived.Add(arrival);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            LogReceiveEnded(_logger, Id, ex.Message);
        }
        finally
        {
            // Read envelopes are remembered as seen: they must be recorded (and run) here, since a copy Slack delivers
            // again is dropped as a duplicate. Their acks fail with the socket.
            if (arrived.Count > 0 && !_batches.Writer.TryWrite(arrived))
                DisposeAll(arrived);
            _batches.Writer.TryComplete();
            _hello.TrySetException(new WebSocketException("The Socket Mode connection closed before hello."));
            _ended.TrySetResult(Dropped);
        }
    }

    /// <summary>Records and acks the batches the receive loop hands over, one after the other; batches waiting meanwhile are taken together.</summary>
    private async Task RecordLoopAsync()
    {
        await foreach (var batch in _batches.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && _batches.Reader.TryRead(out var more))
                batch.AddRange(more);
            await RecordAndAckAsync(batch).ConfigureAwait(false);
        }
    }

    /// <summary>One whole message into <paramref name="buffer"/> (cleared first); completes synchronously when the socket had it buffered.</summary>
    private async ValueTask<WebSocketMessageType> ReceiveMessageAsync(ArrayBufferWriter<byte> buffer)
    {
        buffer.Clear();
        ValueWebSocketReceiveResult result;
        do
        {
            result = await _socket.ReceiveAsync(buffer.GetMemory(8 * 1024), _stop.Token).ConfigureAwait(false);
            buffer.Advance(result.Count);
        }
        while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);
        return result.MessageType;
    }

    /// <summary>
    /// An envelope to record and ack, parsed and prepared here (its acknowledgement pending from now: no command work
    /// takes a turn meanwhile), or null after handling any other frame. Nothing is read from the frame afterwards.
    /// </summary>
    private Arrival? Read(ReadOnlyMemory<byte> frame)
    {
        var at = _time.GetTimestamp();
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(frame);
        }
        catch (JsonException)
        {
            LogBadFrame(_logger, Id, frame.Length);
            return null;
        }

        using (doc)
        {
            var root = doc.RootElement;
            var type = root.Text("type");
            if (root.Text("envelope_id") is { } envelopeId)
            {
                Interlocked.Increment(ref _envelopes);
                var ack = _inbound.Acknowledging();
                return new Arrival(envelopeId, AckFrame(envelopeId), _inbound.PrepareEnvelope(envelopeId, type, root.TryGetProperty("payload", out var p) ? p : default), at, ack);
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

            return null;
        }
    }

    /// <summary><c>{"envelope_id":"…"}</c>, the envelope's ack.</summary>
    private static byte[] AckFrame(string envelopeId)
    {
        var ack = new ArrayBufferWriter<byte>(96);
        ack.Write(AckPrefix);
        using (var writer = new Utf8JsonWriter(ack))
            writer.WriteStringValue(envelopeId);
        ack.Write("}"u8);
        return ack.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Records the envelopes in the inbox, then acks them, then starts their work: a process that dies before an ack
    /// leaves the envelope unacked (Slack delivers it again), one that dies after leaves it recorded (another process
    /// runs it). The work waits for the acks (acks first: <see cref="SlackInbound.Acknowledging"/> stays pending until
    /// each is sent). An ack that cannot be sent (the socket went away) is logged; Slack delivers it again.
    /// </summary>
    private async Task RecordAndAckAsync(List<Arrival> arrived)
    {
        var recording = _inbound.RecordEnvelopesAsync(arrived.ConvertAll(a => a.Prepared));
        InboundEvent?[] accepted;
        try
        {
            accepted = await recording.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
            LogAckFailed(_logger, Id, ex.Message); // shutting down before they were recorded: Slack delivers them again
            DisposeAll(arrived);
            return;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogRecordFailed(_logger, ex, Id, arrived.Count); // not acked: Slack delivers them again
            DisposeAll(arrived);
            return;
        }

        var sent = 0;
        try
        {
            _stream?.Cork(); // the acks leave together, in one write
            foreach (var arrival in arrived)
            {
                await _socket.SendAsync(arrival.Ack, WebSocketMessageType.Text, true, _stop.Token).ConfigureAwait(false);
                sent++;
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            LogAckFailed(_logger, Id, ex.Message); // a copy Slack delivers again is a duplicate of the recorded one
        }

        try
        {
            if (_stream is not null)
                await _stream.UncorkAsync(_stop.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
        {
            sent = 0;
            LogAckFailed(_logger, Id, ex.Message);
        }

        for (var i = 0; i < arrived.Count; i++)
        {
            if (i < sent)
                TransportTelemetry.RecordAck(SlackPayloads.Platform, "socket", _time.GetElapsedTime(arrived[i].At));
            arrived[i].Dispose(); // sent (or never will be): no longer pending
        }

        arrived.Clear();
        _ = StartAfterAcksAsync(accepted);
    }

    /// <summary>
    /// Recorded and leased to this process: its work, acked or not. Queued once the burst's acks are out (the work would
    /// wait for that anyway), so that queueing it takes no CPU from them; the "still working" clock counts from arrival.
    /// </summary>
    private async Task StartAfterAcksAsync(InboundEvent?[] accepted)
    {
        await _inbound.AcksSettledAsync().ConfigureAwait(false);
        foreach (var inbound in accepted)
            _inbound.Start(inbound);
    }

    private static void DisposeAll(List<Arrival> arrived)
    {
        foreach (var arrival in arrived)
            arrival.Dispose();
        arrived.Clear();
    }

    /// <summary>An envelope read and prepared, not yet acked: its ack frame, and its acknowledgement pending until disposed.</summary>
    private sealed record Arrival(string EnvelopeId, byte[] Ack, SlackInbound.PreparedEnvelope Prepared, long At, IDisposable Scope) : IDisposable
    {
        public void Dispose() => Scope.Dispose();
    }

    [LoggerMessage(EventId = 3200, Level = LogLevel.Information, Message = "Slack socket {Connection}: disconnect requested ({Reason})")]
    private static partial void LogDisconnect(ILogger logger, int connection, string reason);

    [LoggerMessage(EventId = 3201, Level = LogLevel.Debug, Message = "Slack socket {Connection}: receiving ended ({Reason})")]
    private static partial void LogReceiveEnded(ILogger logger, int connection, string reason);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Warning, Message = "Slack socket {Connection}: ignored a frame that is not JSON ({Bytes} bytes)")]
    private static partial void LogBadFrame(ILogger logger, int connection, int bytes);

    [LoggerMessage(EventId = 3204, Level = LogLevel.Debug, Message = "Slack socket {Connection}: an ack could not be sent ({Reason})")]
    private static partial void LogAckFailed(ILogger logger, int connection, string reason);

    [LoggerMessage(EventId = 3205, Level = LogLevel.Error, Message = "Slack socket {Connection}: {Count} envelope(s) could not be recorded; not acknowledged, Slack delivers them again")]
    private static partial void LogRecordFailed(ILogger logger, Exception exception, int connection, int count);

    [LoggerMessage(EventId = 3203, Level = LogLevel.Debug, Message = "Slack socket {Connection}: close did not complete cleanly ({Reason})")]
    private static partial void LogCloseFailed(ILogger logger, int connection, string reason);
}
