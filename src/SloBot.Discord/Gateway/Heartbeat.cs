using System.Net.WebSockets;
using System.Text.Json.Nodes;

namespace SloBot.Discord.Gateway;

/// <summary>
/// Heartbeats one connection on the injected clock: the first after interval × jitter, then every interval.
/// If the previous heartbeat was not acknowledged when the next is due, the connection is a zombie: it is cancelled.
/// </summary>
internal sealed class Heartbeat(GatewaySocket socket, Func<long?> sequence, TimeProvider time, Func<double> jitter, CancellationTokenSource connection)
{
    private volatile bool _acknowledged = true;
    private Task _loop = Task.CompletedTask;

    public bool Zombie { get; private set; }

    public void Start(TimeSpan interval) => _loop = LoopAsync(interval, connection.Token);

    public void Acknowledged() => _acknowledged = true;

    /// <summary>Discord asked for a heartbeat (op 1): send one now.</summary>
    public Task BeatNowAsync() => SendAsync(connection.Token);

    public async Task StopAsync()
    {
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // the connection ended
        }
    }

    private async Task LoopAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(interval * jitter(), time, cancellationToken).ConfigureAwait(false);
            while (!cancellationToken.IsCancellationRequested)
            {
                if (!_acknowledged)
                {
                    Zombie = true;
                    await connection.CancelAsync().ConfigureAwait(false);
                    return;
                }

                _acknowledged = false;
                await SendAsync(cancellationToken).ConfigureAwait(false);
                await Task.Delay(interval, time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // connection over
        }
        catch (WebSocketException)
        {
            await connection.CancelAsync().ConfigureAwait(false);
        }
    }

    private Task SendAsync(CancellationToken cancellationToken) =>
        socket.SendAsync(new JsonObject { ["op"] = GatewayOp.Heartbeat, ["d"] = sequence() }, cancellationToken);
}
