using System.Diagnostics;
using System.Text;
using SloBot.Tests.Cli;
using Xunit;

namespace SloBot.Tests.Hostile;

/// <summary>
/// Issue 13 item 9 for Prometheus: the executable, logging at Trace, asked for a budget from a Prometheus whose URL
/// carries basic-auth credentials (<c>user:password@host</c>), prints neither the password nor its Basic header —
/// whether Prometheus answers or fails (the failure names Prometheus' URL, without the credentials).
/// </summary>
public sealed class PrometheusCredentialsInLogsTests : IDisposable
{
    private const string Password = "s3cr3t-pass-7Q";

    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData(200)]
    [InlineData(503)]
    public async Task Ask_LoggedAtTrace_NeverShowsTheUrlsPassword(int status)
    {
        var answered = 0;
        using var prometheus = new FakePrometheus(async (_, response) =>
        {
            Interlocked.Increment(ref answered);
            var body = Encoding.UTF8.GetBytes(status == 200
                ? """{"status":"success","data":{"resultType":"vector","result":[]}}"""
                : """{"status":"error","errorType":"unavailable","error":"overloaded"}""");
            response.StatusCode = status;
            response.ContentType = "application/json";
            response.ContentLength64 = body.Length;
            await response.OutputStream.WriteAsync(body);
        });
        var url = $"http://slobot:{Password}@127.0.0.1:{prometheus.Port}/";

        var text = await RunAsync("ask", "/slo budget shop", _cli.Catalog, "--SloBot:Sli:Source=Prometheus", $"--SloBot:Sli:Prometheus:Url={url}",
            "--Logging:LogLevel:Default=Trace", "--Logging:Console:LogLevel:Default=Trace");

        Assert.True(answered > 0, "Prometheus was asked");
        Assert.Contains("info: ", text, StringComparison.Ordinal); // the console logger writes (without RemoveAllLoggers the HttpClient factory logs each URL here)
        Assert.DoesNotContain(Password, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes($"slobot:{Password}")), text, StringComparison.Ordinal);
        if (status != 200)
            Assert.Contains($"Prometheus at http://127.0.0.1:{prometheus.Port}/", text, StringComparison.Ordinal);
    }

    private async Task<string> RunAsync(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _cli.Dir };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "slobot.dll"));
        foreach (var a in args.Append(_cli.Store))
            psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("slobot ask did not exit within a minute");
        }

        return await output + await errors;
    }
}
