using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace SloBot.Tests.Hosting;

/// <summary>
/// Issue 16 item 4 through the executable: <c>/metrics</c> in Prometheus' text format counts chat events by command and
/// outcome and measures the SLI source; JSON console logs carry each chat event's correlation id; SloBot's own SLOs in
/// <c>deploy/self</c> load and read the metric the bot serves.
/// </summary>
public sealed partial class TelemetryProcessTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("slobot-telemetry-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Metrics_CountCommandsByNameAndOutcome_AndJsonLogsCarryTheCorrelationId()
    {
        var port = SlobotProcess.FreePort();
        using var process = SlobotProcess.Start(_dir, "--demo", "--SloBot:Console:Enabled=true", $"--urls=http://127.0.0.1:{port}", "--SloBot:Telemetry:JsonLogs=true");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteLineAsync("/slo budget payment");
        await process.StandardInput.WriteLineAsync("/slo budgte payment");
        await process.StandardInput.WriteLineAsync("/slo status");

        using var http = new HttpClient();
        var metrics = "";
        for (var i = 0; i < 600 && !metrics.Contains("command=\"status\"", StringComparison.Ordinal); i++)
        {
            try
            {
                var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/metrics"));
                if (response.StatusCode == HttpStatusCode.OK)
                    metrics = await response.Content.ReadAsStringAsync();
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        await process.StandardInput.WriteLineAsync("exit");
        await SlobotProcess.WaitForExitAsync(process, TimeSpan.FromSeconds(60));
        Assert.True(metrics.Length > 0, "no /metrics: " + await errors);

        Assert.Equal(1, Sample(metrics, "slobot_commands_total", "command=\"budget\"", "outcome=\"answered\""));
        Assert.Equal(1, Sample(metrics, "slobot_commands_total", "command=\"unknown\"", "outcome=\"bad_command\"")); // a typo: never the typed word as a label
        Assert.DoesNotContain("budgte", metrics, StringComparison.Ordinal);
        Assert.Equal(1, Sample(metrics, "slobot_command_duration_seconds_count", "command=\"budget\""));
        Assert.True(Sample(metrics, "slobot_sli_duration_seconds_count", "source=\"embedded\"", "operation=\"count\"", "outcome=\"ok\"") >= 2);
        Assert.Contains("# TYPE slobot_command_duration_seconds histogram", metrics, StringComparison.Ordinal);
        Assert.Contains("# TYPE dotnet_gc_pause_time_seconds_total counter", metrics, StringComparison.Ordinal); // .NET's runtime meter

        // JSON lines on stderr; the line of the budget command carries its chat event's id as the correlation id.
        var lines = (await errors).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var handled = lines.Select(l => JsonDocument.Parse(l).RootElement).Where(e => e.GetProperty("EventId").GetInt32() == 5 && e.GetProperty("Category").GetString() == "SloBot.Chat.ChatDispatcher").ToArray();
        Assert.Equal(3, handled.Length);
        foreach (var line in handled)
        {
            var eventId = line.GetProperty("State").GetProperty("EventId").GetString();
            Assert.Contains(line.GetProperty("Scopes").EnumerateArray(), s => s.TryGetProperty("CorrelationId", out var id) && id.GetString() == eventId);
        }

        Assert.Equal(0, process.ExitCode);
        Assert.Contains("Error budget · payment", await output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OwnSlos_LoadFromDeploy_AndCountTheCommandsMetric()
    {
        var deploy = Path.Combine(RepositoryRoot(), "deploy", "self");
        var (code, text) = await SlobotProcess.RunAsync(_dir, "catalog", "check", deploy);

        Assert.True(code == 0, text);
        Assert.Contains("1 service, 2 SLOs, 0 errors", text, StringComparison.Ordinal);
        Assert.Contains("slobot/ack-latency  target 99.9 %", text, StringComparison.Ordinal);
        Assert.Contains("sum(increase(slobot_commands_total{outcome=~\"answered|bad_command\"}[28d]))", text, StringComparison.Ordinal);
        Assert.Contains("sum(increase(slobot_ack_duration_seconds_bucket{le=\"0.5\"}[28d]))", text, StringComparison.Ordinal);
    }

    /// <summary>The value of the one sample of <paramref name="name"/> whose labels include every one of <paramref name="labels"/>.</summary>
    private static double Sample(string metrics, string name, params string[] labels)
    {
        var matches = metrics.Split('\n').Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) && labels.All(x => l.Contains(x, StringComparison.Ordinal))).ToArray();
        Assert.True(matches.Length == 1, $"{name} {string.Join(",", labels)}: {matches.Length} samples in\n{metrics}");
        return double.Parse(SampleValue().Match(matches[0]).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SloBot.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("SloBot.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"\}\s+(\S+)")]
    private static partial Regex SampleValue();
}
