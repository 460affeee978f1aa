using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace SloBot.Slack.Tests.Emulator;

/// <summary>The server side of one Socket Mode connection in the emulator.</summary>
public sealed class EmulatedSocket(int id, WebSocket socket, HttpContext context, SlackEmulator emulator) : IDisposable
{
    private readonly SemaphoreSlim _send = new(1, 1);

    public int Id { get; } = id;

    public DateTimeOffset? HelloAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public bool IsOpen => HelloAt is not null && ClosedAt is null;

    internal async Task RunAsync()
    {
        try
        {
            while (emulator.HoldNextSocket)
                await Task.Delay(5, context.RequestAborted);
            await SendTextAsync(JsonSerializer.Serialize(new
            {
                type = "hello",
                num_connections = emulator.OpenSockets.Count + 1,
                debug_info = new { host = "applink-emulator", build_number = 1, approximate_connection_time = 18060 },
                connection_info = new { app_id = SlackEmulator.AppId },
            }));
            HelloAt = emulator.Time.GetUtcNow();
            emulator.OnHello(this);
            var buffer = new byte[64 * 1024];
            while (true)
            {
                var used = 0;
                WebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(new ArraySegment<byte>(buffer, used, buffer.Length - used), context.RequestAborted);
                    used += result.Count;
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                    break;
                }

                using var doc = JsonDocument.Parse(buffer.AsMemory(0, used));
                if (doc.RootElement.TryGetProperty("envelope_id", out var envelopeId))
                    emulator.OnAck(this, envelopeId.GetString()!, doc.RootElement.Clone());
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // killed or dropped
        }
        finally
        {
            ClosedAt = emulator.Time.GetUtcNow();
            emulator.OnClosed(this);
        }
    }

    public Task SendTextAsync(string text) => SendUtf8Async(Encoding.UTF8.GetBytes(text));

    /// <summary>A text frame already encoded (the load harness builds its envelopes before the clock starts).</summary>
    public async Task SendUtf8Async(ReadOnlyMemory<byte> utf8)
    {
        await _send.WaitAsync();
        try
        {
            await socket.SendAsync(utf8, WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            _send.Release();
        }
    }

    /// <summary>Slack asks the app to move to a new connection.</summary>
    public Task DisconnectAsync(string reason) =>
        SendTextAsync(JsonSerializer.Serialize(new { type = "disconnect", reason, debug_info = new { host = "applink-emulator" } }));

    public void Dispose() => _send.Dispose();

    /// <summary>The TCP connection dies without a close handshake.</summary>
    public void Kill() => context.Abort();
}
