using System.Net.Sockets;
using System.Text;

namespace SloBot.Testing.Http;

/// <summary>
/// A POST written by hand over TCP, so a test sees the server's answer even when it comes (and the connection closes)
/// before the body was sent: HttpClient reports that as a broken pipe instead.
/// </summary>
public static class RawPost
{
    public static async Task<(int Status, long Sent)> SendAsync(Uri server, string path, long size, bool chunked, Dictionary<string, string> headers)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        var stream = client.GetStream();
        var head = new StringBuilder($"POST {path} HTTP/1.1\r\nHost: {server.Authority}\r\nContent-Type: application/json\r\n");
        head.Append(chunked ? "Transfer-Encoding: chunked\r\n" : $"Content-Length: {size}\r\n");
        foreach (var (name, value) in headers)
            head.Append($"{name}: {value}\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()));

        using var stop = new CancellationTokenSource();
        long sent = 0;
        var writing = Task.Run(async () =>
        {
            var chunk = Encoding.ASCII.GetBytes(new string(' ', 64 * 1024));
            var frame = chunked ? Encoding.ASCII.GetBytes($"{chunk.Length:x}\r\n").Concat(chunk).Concat("\r\n"u8.ToArray()).ToArray() : chunk;
            try
            {
                for (; sent < size && !stop.IsCancellationRequested; sent += chunk.Length)
                    await stream.WriteAsync(frame, stop.Token);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
            {
                // the server answered and closed the connection
            }
        });

        var answer = new StringBuilder();
        var buffer = new byte[4096];
        while (!answer.ToString().Contains("\r\n", StringComparison.Ordinal))
        {
            var n = await stream.ReadAsync(buffer);
            if (n == 0)
                break;
            answer.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }

        var status = int.Parse(answer.ToString().Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var at = Interlocked.Read(ref sent);
        await stop.CancelAsync();
        client.Close();
        await writing;
        return (status, at);
    }
}
