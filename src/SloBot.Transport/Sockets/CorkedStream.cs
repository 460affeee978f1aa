using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace SloBot.Transport.Sockets;

/// <summary>
/// A connection's stream whose writes can be held back and sent together: between <see cref="Cork"/> and
/// <see cref="UncorkAsync"/> every write is appended to a buffer, and uncorking sends it in one write — a burst of
/// WebSocket frames (hundreds of acks) leaves in one system call instead of one each, and the other side reads them
/// together. Writes in order: while the buffer is being sent, a later write waits for it. Reads pass straight through.
/// </summary>
public sealed class CorkedStream(Stream inner) : Stream
{
    private readonly Lock _sync = new();
    private readonly SemaphoreSlim _writing = new(1, 1);
    private ArrayBufferWriter<byte> _held = new(4096);
    private ArrayBufferWriter<byte> _spare = new(4096);
    private bool _corked;

    /// <summary>Opens a TCP connection and wraps it: for <see cref="SocketsHttpHandler.ConnectCallback"/> (the context's endpoint; TLS, when used, goes on top).</summary>
    [SuppressMessage("Reliability", "CA2000:Dispose objects before losing scope", Justification = "The socket is the returned stream's (ownsSocket), disposed with it; on failure it is disposed here.")]
    public static async ValueTask<CorkedStream> ConnectAsync(DnsEndPoint endPoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endPoint, cancellationToken).ConfigureAwait(false);
            return new CorkedStream(new NetworkStream(socket, ownsSocket: true));
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Holds every write from now until <see cref="UncorkAsync"/>.</summary>
    public void Cork()
    {
        lock (_sync)
            _corked = true;
    }

    /// <summary>Sends what was held, in one write, and lets later writes through.</summary>
    public async Task UncorkAsync(CancellationToken cancellationToken)
    {
        await _writing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ArrayBufferWriter<byte> held;
            lock (_sync)
            {
                _corked = false;
                (held, _held, _spare) = (_held, _spare, _held);
            }

            if (held.WrittenCount > 0)
                await inner.WriteAsync(held.WrittenMemory, cancellationToken).ConfigureAwait(false);
            held.Clear();
        }
        finally
        {
            _writing.Release();
        }
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            if (_corked)
            {
                _held.Write(buffer.Span);
                return;
            }
        }

        await _writing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writing.Release();
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.ReadAsync(buffer, offset, count, cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();

    public override bool CanRead => inner.CanRead;

    public override bool CanWrite => inner.CanWrite;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            _writing.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync().ConfigureAwait(false);
        _writing.Dispose();
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
