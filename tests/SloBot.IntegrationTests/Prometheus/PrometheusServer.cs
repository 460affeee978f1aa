using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace SloBot.IntegrationTests.Prometheus;

/// <summary>
/// A real Prometheus (Debian's <c>prometheus</c> + <c>promtool</c>) on a free loopback port with its own temp dir,
/// its TSDB backfilled from OpenMetrics text by <c>promtool tsdb create-blocks-from openmetrics</c>. Throws (so the
/// test fails, never skips) when the binaries are missing. Reusable: give it any OpenMetrics text.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private readonly DirectoryInfo _dir;
    private readonly HttpClient _http;
    private readonly string _config;
    private readonly string _data;
    private readonly int _port;
    private readonly System.Text.StringBuilder _log = new();
    private Process _process = null!;

    private PrometheusServer(DirectoryInfo dir, string config, string data, int port)
    {
        _dir = dir;
        _config = config;
        _data = data;
        _port = port;
        Url = new Uri($"http://127.0.0.1:{port}/");
        _http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>The base URL, <c>http://127.0.0.1:port/</c>.</summary>
    public Uri Url { get; }

    /// <summary>Backfills from <paramref name="writeOpenMetrics"/> (must end with <c># EOF</c>), starts Prometheus and waits until it is ready.</summary>
    public static async Task<PrometheusServer> StartAsync(Action<TextWriter> writeOpenMetrics, CancellationToken cancellationToken = default)
    {
        var prometheus = FindBinary("prometheus");
        var promtool = FindBinary("promtool");
        var dir = Directory.CreateTempSubdirectory("slobot-prometheus-");
        PrometheusServer? server = null;
        try
        {
            var input = Path.Combine(dir.FullName, "data.om");
            using (var writer = new StreamWriter(input))
                writeOpenMetrics(writer);
            var data = Path.Combine(dir.FullName, "data");
            // --max-block-duration (hidden in 2.42's help) keeps 30 days in a few blocks instead of 360 two-hour ones.
            await RunAsync(promtool, ["tsdb", "create-blocks-from", "openmetrics", "--max-block-duration=2400h", "-q", input, data], cancellationToken).ConfigureAwait(false);
            File.Delete(input);
            var config = Path.Combine(dir.FullName, "prometheus.yml");
            await File.WriteAllTextAsync(config, "global:\n  scrape_interval: 1h\n", cancellationToken).ConfigureAwait(false);
            server = new PrometheusServer(dir, config, data, FreePort());
            await server.LaunchAsync(prometheus, cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            if (server is not null)
                await server.DisposeAsync().ConfigureAwait(false);
            else
                dir.Delete(recursive: true);
            throw;
        }
    }

    /// <summary>One PromQL instant query, answered straight from Prometheus (no SloBot code): the value of its single sample, or 0 when empty.</summary>
    public async Task<double> QueryValueAsync(string promql, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        // To the millisecond: a rule's evaluations are offset within their interval by a hash of the group's name.
        using var form = new FormUrlEncodedContent([new("query", promql), new("time", (at.ToUnixTimeMilliseconds() / 1000m).ToString(CultureInfo.InvariantCulture))]);
        using var response = await _http.PostAsync(new Uri("api/v1/query", UriKind.Relative), form, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{promql}: HTTP {(int)response.StatusCode}: {body}");
        using var doc = JsonDocument.Parse(body);
        var result = doc.RootElement.GetProperty("data").GetProperty("result");
        return result.GetArrayLength() switch
        {
            0 => 0,
            1 => double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture),
            var n => throw new InvalidOperationException($"{promql} returned {n} series; expected one"),
        };
    }


    /// <summary>
    /// Backfills the recording rules of <paramref name="rulesYaml"/> over [<paramref name="start"/>, <paramref name="end"/>]
    /// with <c>promtool tsdb create-blocks-from rules</c> (evaluated by this server, every <paramref name="interval"/>),
    /// then restarts Prometheus on the same port and data so it reads the new blocks. A rule that reads another recorded
    /// series sees none (one pass).
    /// </summary>
    public Task BackfillRulesAsync(string rulesYaml, DateTimeOffset start, DateTimeOffset end, TimeSpan interval, CancellationToken cancellationToken = default) =>
        BackfillRulesAsync([(rulesYaml, start, end)], interval, cancellationToken);

    /// <summary>
    /// Writes blocks from <paramref name="writeOpenMetrics"/> (series computed by the caller, e.g. recorded series evaluated
    /// over a long span) beside the rule blocks; they are loaded by the next <see cref="BackfillRulesAsync(IReadOnlyList{ValueTuple{string, DateTimeOffset, DateTimeOffset}}, TimeSpan, CancellationToken)"/>.
    /// </summary>
    public async Task AddBlocksAsync(Action<TextWriter> writeOpenMetrics, CancellationToken cancellationToken = default)
    {
        var input = Path.Combine(_dir.FullName, "added.om");
        using (var writer = new StreamWriter(input))
            writeOpenMetrics(writer);
        await RunAsync(FindBinary("promtool"), ["tsdb", "create-blocks-from", "openmetrics", "--max-block-duration=2400h", "-q", input, Path.Combine(_dir.FullName, "rule-blocks")], cancellationToken).ConfigureAwait(false);
        File.Delete(input);
    }

    /// <summary>
    /// Several rule files, each over its own span (a benchmark backfills event rates over 31 days but the window ratios,
    /// read only at its "now", over the last hours), then one restart.
    /// </summary>
    public async Task BackfillRulesAsync(IReadOnlyList<(string RulesYaml, DateTimeOffset Start, DateTimeOffset End)> parts, TimeSpan interval, CancellationToken cancellationToken = default)
    {
        var blocks = Path.Combine(_dir.FullName, "rule-blocks");
        for (var i = 0; i < parts.Count; i++)
        {
            var (rulesYaml, start, end) = parts[i];
            var rules = Path.Combine(_dir.FullName, $"rules-{i}.yaml");
            await File.WriteAllTextAsync(rules, rulesYaml, cancellationToken).ConfigureAwait(false);
            await RunAsync(FindBinary("promtool"), [
                "tsdb", "create-blocks-from", "rules", "-q", $"--url={Url}", $"--output-dir={blocks}",
                $"--start={start.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}", $"--end={end.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}",
                $"--eval-interval={(int)interval.TotalSeconds}s", rules,
            ], cancellationToken).ConfigureAwait(false);
        }

        await StopAsync().ConfigureAwait(false);
        foreach (var block in Directory.Exists(blocks) ? Directory.GetDirectories(blocks) : [])
            Directory.Move(block, Path.Combine(_data, Path.GetFileName(block)));
        await LaunchAsync(FindBinary("prometheus"), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Waits until Prometheus' own TSDB is quiet (blocks loaded and compactions unchanged over 15 s, so a benchmark is not
    /// measured during a compaction) and says how many blocks it has.
    /// </summary>
    public async Task<string> TsdbStateAsync(CancellationToken cancellationToken = default)
    {
        (double Blocks, double Compactions) last = (-1, -1);
        var quiet = 0;
        while (true)
        {
            var text = await _http.GetStringAsync(new Uri("metrics", UriKind.Relative), cancellationToken).ConfigureAwait(false);
            double Metric(string name) => text.Split('\n').Where(l => l.StartsWith(name + " ", StringComparison.Ordinal))
                .Select(l => double.Parse(l[(name.Length + 1)..], CultureInfo.InvariantCulture)).FirstOrDefault();
            var now = (Metric("prometheus_tsdb_blocks_loaded"), Metric("prometheus_tsdb_compactions_total"));
            quiet = now == last ? quiet + 1 : 0;
            if (quiet >= 3)
                return $"{now.Item1} blocks loaded, {now.Item2} compactions since the restart";
            last = now;
            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task LaunchAsync(string prometheus, CancellationToken cancellationToken)
    {
        _process = Process.Start(new ProcessStartInfo(prometheus)
        {
            ArgumentList =
            {
                $"--config.file={_config}", $"--storage.tsdb.path={_data}", "--storage.tsdb.retention.time=100y",
                $"--web.listen-address=127.0.0.1:{_port}", "--log.level=warn", "--query.max-samples=50000000",
            },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("prometheus did not start");
        _process.ErrorDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.OutputDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        await WaitReadyAsync(() => { lock (_log) return _log.ToString(); }, cancellationToken).ConfigureAwait(false);
    }

    private async Task StopAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        _process.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (_process is not null)
            await StopAsync().ConfigureAwait(false);
        try
        {
            _dir.Delete(recursive: true);
        }
        catch (IOException)
        {
            // best effort: a temp dir
        }
    }

    private async Task WaitReadyAsync(Func<string> log, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"prometheus exited with {_process.ExitCode}: {log()}");
            try
            {
                using var response = await _http.GetAsync(new Uri("-/ready", UriKind.Relative), cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false); // polling a child process's readiness, not a schedule
        }

        throw new TimeoutException($"prometheus at {Url} was not ready within 90 s: {log()}");
    }

    private static async Task RunAsync(string file, string[] args, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args)
            info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed with {process.ExitCode}: {await stderr.ConfigureAwait(false)}{await stdout.ConfigureAwait(false)}");
    }

    private static string FindBinary(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Append("/usr/bin"))
        {
            var path = Path.Combine(dir, name);
            if (File.Exists(path))
                return path;
        }

        throw new InvalidOperationException(
            $"'{name}' was not found on PATH. The Prometheus integration tests need a real Prometheus: install Debian's package (apt-get install prometheus), which provides prometheus and promtool.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
