using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SloBot.Tests.Hostile;

/// <summary>A misbehaving Prometheus on a free loopback port: each API path answers what the test says.</summary>
internal sealed class FakePrometheus : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<string, HttpListenerResponse, Task> _answer;
    private readonly Task _loop;

    public FakePrometheus(Func<string, HttpListenerResponse, Task> answer)
    {
        _answer = answer;
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    public static Func<string, HttpListenerResponse, Task> Json(string instant, string? range = null) => async (path, response) =>
    {
        var body = Encoding.UTF8.GetBytes(path.EndsWith("query_range", StringComparison.Ordinal) ? range ?? instant : instant);
        response.ContentType = "application/json";
        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body);
    };

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(async () =>
            {
                try
                {
                    await _answer(context.Request.Url!.AbsolutePath, context.Response);
                    context.Response.Close();
                }
                catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
                {
                    // the client hung up (SloBot refusing a too-large answer): expected
                }
            });
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
