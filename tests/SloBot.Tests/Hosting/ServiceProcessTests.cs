using System.Diagnostics;
using System.Net;
using Xunit;

namespace SloBot.Tests.Hosting;

/// <summary>The real executable as a service: the console REPL over a pipe, health endpoints, SIGTERM drain.</summary>
public sealed class ServiceProcessTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("slobot-serve-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Console_LinesAreHandledAsChatMessages_ExitStops()
    {
        using var process = Start("--demo", "--SloBot:Console:Enabled=true", $"--urls=http://127.0.0.1:{FreePort()}"); // not the default 8080, which another run may hold
        var output = process.StandardOutput.ReadToEndAsync();
        await process.StandardInput.WriteLineAsync("/slo budget payment");
        await process.StandardInput.WriteLineAsync("hello there");
        await process.StandardInput.WriteLineAsync("exit");
        await WaitForExitAsync(process, TimeSpan.FromSeconds(60));

        var text = await output;
        Assert.Equal(0, process.ExitCode);
        Assert.Contains("Error budget · payment", text, StringComparison.Ordinal);
        Assert.Contains("Nothing is waiting for an answer here", text, StringComparison.Ordinal);
        var saved = text.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("saved ", StringComparison.Ordinal))["saved ".Length..];
        Assert.EndsWith("burn-down-payment.png", saved, StringComparison.Ordinal); // the chart, for the person at the terminal
        Assert.True(File.Exists(saved));
        Directory.Delete(Path.GetDirectoryName(saved)!, recursive: true);
    }

    [Fact]
    public async Task Service_ReadyThenSigterm_DrainsAndExitsCleanly()
    {
        var port = FreePort();
        using var process = Start($"--urls=http://127.0.0.1:{port}");
        _ = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var http = new HttpClient();
        var ready = false;
        for (var i = 0; i < 600 && !ready; i++)
        {
            try
            {
                ready = (await http.GetAsync(new Uri($"http://127.0.0.1:{port}/readyz"))).StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }

        Assert.True(ready, "/readyz never answered 200: " + (process.HasExited ? await errors : "still running"));
        Assert.Equal("ok", await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/healthz")));
        Assert.Equal(0, Kill(process.Id, 15)); // SIGTERM
        await WaitForExitAsync(process, TimeSpan.FromSeconds(30));
        Assert.Equal(0, process.ExitCode);
        Assert.Contains("The SLO catalog is empty", await errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Service_StateDatabaseUnreachable_StopsWithOneLineAndNoStackTrace()
    {
        var (refusing, port) = SlobotProcess.RefusingPort(); // nothing listens there, nor can while the test runs
        using var holder = refusing;
        using var process = Start($"--urls=http://127.0.0.1:{FreePort()}", $"--SloBot:Storage:ConnectionString=Host=127.0.0.1;Port={port};Username=slobot;Database=slobot;Timeout=5");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await WaitForExitAsync(process, TimeSpan.FromSeconds(60));

        var text = await errors + await output;
        Assert.Equal(1, process.ExitCode);
        Assert.Contains($"SloBot stopped: the state database can't be opened (SloBot:Storage:ConnectionString: PostgreSQL at 127.0.0.1:{port} (database slobot, user slobot)): Failed to connect to 127.0.0.1:{port}", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Service_SeveralBadKeys_AreAllNamedAtOnce_ExitTwo()
    {
        using var process = Start($"--urls=http://127.0.0.1:{FreePort()}", "--SloBot:Schedule:Engineering:Channel=slack:C1", "--SloBot:Schedule:Engineering:Cron=bad", "--SloBot:Alerts:Channel=C1");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await WaitForExitAsync(process, TimeSpan.FromSeconds(60));

        var text = await errors + await output;
        Assert.Equal(2, process.ExitCode);
        Assert.Contains("SloBot:Schedule:Engineering:Cron 'bad' is not a five-field cron expression", text, StringComparison.Ordinal);
        Assert.Contains("SloBot:Alerts:Channel 'C1' must be platform:channel", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }

    private Process Start(params string[] args) => SlobotProcess.Start(_dir, args);

    private static Task WaitForExitAsync(Process process, TimeSpan limit) => SlobotProcess.WaitForExitAsync(process, limit);

    private static int FreePort() => SlobotProcess.FreePort();

    private static int Kill(int pid, int signal) => SlobotProcess.Signal(pid, signal);
}
