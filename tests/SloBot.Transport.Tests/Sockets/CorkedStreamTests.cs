using System.Net;
using System.Net.Sockets;
using SloBot.Transport.Sockets;

namespace SloBot.Transport.Tests.Sockets;

public sealed class CorkedStreamTests
{
    [Fact]
    public async Task WritesWhileCorked_LeaveInOneWrite_InOrder_AndLaterWritesPassStraightThrough()
    {
        var inner = new RecordingStream();
        await using var stream = new CorkedStream(inner);
        await stream.WriteAsync("a"u8.ToArray());

        stream.Cork();
        for (var i = 0; i < 200; i++)
            await stream.WriteAsync(new[] { (byte)('0' + (i % 10)) });
        Assert.Single(inner.Writes); // held

        await stream.UncorkAsync(CancellationToken.None);
        await stream.WriteAsync("z"u8.ToArray());

        Assert.Equal(3, inner.Writes.Count);
        Assert.Equal(string.Concat(Enumerable.Range(0, 200).Select(i => (char)('0' + (i % 10)))), System.Text.Encoding.ASCII.GetString(inner.Writes[1]));
        Assert.Equal("z", System.Text.Encoding.ASCII.GetString(inner.Writes[2]));
    }

    [Fact]
    public async Task UncorkWithNothingHeld_WritesNothing_AndWritesRacingAnUncork_KeepTheirOrder()
    {
        var inner = new RecordingStream();
        await using var stream = new CorkedStream(inner);
        stream.Cork();
        await stream.UncorkAsync(CancellationToken.None);
        Assert.Empty(inner.Writes);

        for (var round = 0; round < 50; round++)
        {
            stream.Cork();
            await stream.WriteAsync(new[] { (byte)round });
            var uncork = stream.UncorkAsync(CancellationToken.None);
            var after = stream.WriteAsync(new[] { (byte)(100 + round) }).AsTask();
            await Task.WhenAll(uncork, after);
        }

        var bytes = inner.Writes.SelectMany(w => w).ToArray();
        Assert.Equal(Enumerable.Range(0, 50).SelectMany(r => new[] { (byte)r, (byte)(100 + r) }), bytes);
    }

    [Fact]
    public async Task ConnectAsync_OpensARealTcpConnection_ThatReadsAndWrites()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accept = listener.AcceptTcpClientAsync();
        await using var stream = await CorkedStream.ConnectAsync(new DnsEndPoint("127.0.0.1", port), CancellationToken.None);
        using var server = await accept;

        stream.Cork();
        await stream.WriteAsync("hello "u8.ToArray());
        await stream.WriteAsync("there"u8.ToArray());
        await stream.UncorkAsync(CancellationToken.None);
        var received = new byte[11];
        await server.GetStream().ReadExactlyAsync(received);
        Assert.Equal("hello there", System.Text.Encoding.ASCII.GetString(received));

        await server.GetStream().WriteAsync("back"u8.ToArray());
        var back = new byte[4];
        await stream.ReadExactlyAsync(back);
        Assert.Equal("back", System.Text.Encoding.ASCII.GetString(back));
    }

    private sealed class RecordingStream : MemoryStream
    {
        public List<byte[]> Writes { get; } = [];

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            lock (Writes)
                Writes.Add(buffer.ToArray());
            return ValueTask.CompletedTask;
        }
    }
}
