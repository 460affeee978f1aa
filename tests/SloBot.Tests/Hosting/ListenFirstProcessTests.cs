using System.Net;
using System.Net.Sockets;
using SloBot.Testing;
using Xunit;

namespace SloBot.Tests.Hosting;

/// <summary>
/// Issue 13 item 15, through the real executable: the health endpoints listen before storage is ready, so a liveness
/// probe never kills a slow-starting SloBot, and <c>/readyz</c> says what it waits for.
/// </summary>
public sealed class ListenFirstProcessTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("slobot-listen-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Serve_StorageNeverAnswers_HealthzAtOnce_ReadyzNamesWhatItWaitsFor_SigtermStopsCleanly()
    {
        using var silentDatabase = new TcpListener(IPAddress.Loopback, 0); // accepts connections, never says a word
        silentDatabase.Start();
        var dbPort = ((IPEndPoint)silentDatabase.LocalEndpoint).Port;
        var port = SlobotProcess.FreePort();
        using var process = SlobotProcess.Start(_dir, $"--urls=http://127.0.0.1:{port}", $"--SloBot:Storage:ConnectionString=Host=127.0.0.1;Port={dbPort};Username=bot;Password=hunter2;Database=state;Timeout=60");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        HttpStatusCode? health = null;
        var accepted = silentDatabase.AcceptTcpClientAsync(); // start-up is stuck on it from here
        await Poll.UntilAsync(() => (health = TryGet(http, "/healthz")) == HttpStatusCode.OK || process.HasExited, "/healthz to answer", TimeSpan.FromSeconds(30));
        Assert.False(process.HasExited, process.HasExited ? await errors : null);
        using var connection = await accepted.WaitAsync(TimeSpan.FromSeconds(30));

        using var ready = await GetOrExplainAsync(http, "/readyz", process, errors);
        var readyText = await ready.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal($"starting: waiting for storage migrations (SloBot:Storage:ConnectionString: PostgreSQL at 127.0.0.1:{dbPort} (database state, user bot))\n", readyText);
        using var slack = await http.PostAsync(new Uri("/slack/events", UriKind.Relative), new StringContent("{}"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, slack.StatusCode); // nothing but the probes before start-up is done

        Assert.Equal(0, SlobotProcess.Signal(process.Id, 15)); // SIGTERM while starting
        await SlobotProcess.WaitForExitAsync(process, TimeSpan.FromSeconds(30));
        var text = await errors + await output;
        Assert.Equal(0, process.ExitCode);
        Assert.DoesNotContain("SloBot stopped", text, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", text + readyText, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> GetOrExplainAsync(HttpClient http, string path, System.Diagnostics.Process process, Task<string> errors)
    {
        try
        {
            return await http.GetAsync(new Uri(path, UriKind.Relative));
        }
        catch (HttpRequestException e)
        {
            throw new InvalidOperationException($"{path}: {e.Message}; slobot {(process.HasExited ? $"exited {process.ExitCode}: {await errors}" : "still running")}", e);
        }
    }

    private static HttpStatusCode? TryGet(HttpClient http, string path)
    {
        try
        {
            using var response = http.GetAsync(new Uri(path, UriKind.Relative)).GetAwaiter().GetResult();
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null; // not listening yet
        }
    }
}
