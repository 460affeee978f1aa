using System.Diagnostics;
using System.Text;
using System.Text.Json;
using SloBot.Cli;
using Xunit;

namespace SloBot.Tests.Cli;

/// <summary>
/// <c>slobot catalog check [DIR] [--json]</c>, <c>/slo catalog</c> and <c>catalogProblems</c> through the real entry
/// point, on files written in the shapes Sloth and OpenSLO publish; the hostile files of issue 13 through the executable.
/// </summary>
public sealed class CatalogCheckTests : IDisposable
{
    private const string SlothCrd = """
        apiVersion: sloth.slok.dev/v1
        kind: PrometheusServiceLevel
        metadata:
          name: checkout-slos
          namespace: monitoring
        spec:
          service: "checkout"
          labels:
            owner: "payments-team"
          slos:
            - name: "requests-availability"
              objective: 99.9
              description: "Share of checkout requests that are not 5xx."
              sli:
                events:
                  errorQuery: sum(rate(http_requests_total{job="checkout",code=~"5.."}[{{.window}}]))
                  totalQuery: sum(rate(http_requests_total{job="checkout"}[{{.window}}]))
              alerting:
                name: CheckoutHighErrorRate
                labels:
                  team: payments
                pageAlert:
                  labels:
                    severity: page
                ticketAlert:
                  labels:
                    severity: ticket
        """;

    private const string OpenSloList = """
        - apiVersion: openslo/v1alpha
          kind: SLO
          metadata:
            name: search-availability
          spec:
            service: search
            budgetingMethod: Occurrences
            objectives:
              - ratioMetrics:
                  incremental: true
                  good:
                    source: prometheus
                    queryType: promql
                    query: sum(rate(search_requests_total{code!~"5.."}[{{.window}}]))
                  total:
                    source: prometheus
                    queryType: promql
                    query: sum(rate(search_requests_total[{{.window}}]))
                target: 0.99
            timeWindows:
              - count: 28
                unit: Day
        - apiVersion: openslo/v1
          kind: SLO
          metadata:
            name: search-latency
          spec:
            service: search
            indicator:
              metadata:
                name: search-duration
              spec:
                thresholdMetric:
                  metricSource:
                    type: Prometheus
                    spec:
                      query: search_request_duration_seconds_bucket{job="search"}
            objectives:
              - displayName: p90
                op: lte
                value: 0.25
                target: 0.9
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("slobot-catalog-check-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Check_SlothCrdAndOpenSloList_ExitZeroWithEverySloAndItsQueries()
    {
        var catalog = Catalog(("sloth/checkout.yaml", SlothCrd), ("openslo/search.yaml", OpenSloList));

        var (code, stdout, stderr) = await RunAsync("catalog", "check", catalog, "--json");

        Assert.True(code == 0, stderr + stdout);
        using var json = JsonDocument.Parse(stdout);
        var slos = json.RootElement.GetProperty("slos").EnumerateArray().ToArray();
        Assert.Equal(["checkout/requests-availability", "search/search-availability", "search/search-latency"],
            slos.Select(s => $"{s.GetProperty("service").GetString()}/{s.GetProperty("slo").GetString()}").Order(StringComparer.Ordinal));
        var latency = slos.Single(s => s.GetProperty("slo").GetString() == "search-latency");
        Assert.Equal("latency", latency.GetProperty("sliKind").GetString());
        Assert.Equal(2_592_000, latency.GetProperty("windowSeconds").GetDouble());
        Assert.Contains("le=\"+Inf\"", latency.GetProperty("queries").GetProperty("1h").GetProperty("total").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("increase(search_request_duration_seconds_bucket{job=\"search\",le=~", latency.GetProperty("queries").GetProperty("30d").GetProperty("good").GetString(), StringComparison.Ordinal);
        var availability = slos.Single(s => s.GetProperty("slo").GetString() == "requests-availability");
        Assert.Equal(("rolling", "30d", "Occurrences", "events"), (availability.GetProperty("windowKind").GetString(), availability.GetProperty("window").GetString(),
            availability.GetProperty("budgetingMethod").GetString(), availability.GetProperty("sliKind").GetString()));
        Assert.Contains("[1h]", availability.GetProperty("queries").GetProperty("1h").GetProperty("bad").GetString(), StringComparison.Ordinal);
        var problems = json.RootElement.GetProperty("problems").EnumerateArray().ToArray();
        Assert.All(problems, p => Assert.Equal("note", p.GetProperty("severity").GetString()));
        Assert.Contains(problems, p => p.GetProperty("field").GetString() == "spec.timeWindow" && p.GetProperty("file").GetString() == Path.Combine("openslo", "search.yaml"));
        Assert.Contains(problems, p => p.GetProperty("field").GetString() == "slos[0].alerting");
    }

    [Fact]
    public async Task Check_TextOutput_ListsTheSloWindowsAndQueries()
    {
        var catalog = Catalog(("checkout.yaml", SlothCrd));

        var (code, stdout, _) = await RunAsync("catalog", "check", catalog);

        Assert.Equal(0, code);
        Assert.Contains("checkout/requests-availability  target 99.9 %  rolling 30d  Occurrences", stdout, StringComparison.Ordinal);
        Assert.Contains("sum(rate(http_requests_total{job=\"checkout\"}[30d]))", stdout, StringComparison.Ordinal);
        Assert.Contains("1h", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_RefusedFileAndSlo_ExitOneNamingFileLineFieldAndHint()
    {
        var catalog = Catalog(
            ("good.yaml", SlothCrd),
            ("typo.yaml", "a: [b\nc: d\n"),
            ("datadog.yaml", OpenSloList.Replace("type: Prometheus", "type: Datadog", StringComparison.Ordinal)));

        var (code, stdout, _) = await RunAsync("catalog", "check", catalog, "--json");

        Assert.Equal(1, code);
        var problems = JsonDocument.Parse(stdout).RootElement.GetProperty("problems").EnumerateArray().Where(p => p.GetProperty("severity").GetString() == "error").ToArray();
        Assert.Contains(problems, p => p.GetProperty("file").GetString() == "typo.yaml" && p.GetProperty("line").GetInt32() is 1 or 2);
        var datadog = Assert.Single(problems, p => p.GetProperty("file").GetString() == "datadog.yaml");
        Assert.EndsWith("metricSource.type", datadog.GetProperty("field").GetString(), StringComparison.Ordinal);
        var typeLine = 1 + OpenSloList.Split('\n').ToList().FindIndex(l => l.Contains("type: Prometheus", StringComparison.Ordinal));
        Assert.Equal(typeLine, datadog.GetProperty("line").GetInt32());
        Assert.False(string.IsNullOrEmpty(datadog.GetProperty("hint").GetString()));
    }

    [Theory]
    [InlineData("catalog")]
    [InlineData("catalog", "chek")]
    [InlineData("catalog", "check", "/no/such/folder")]
    public async Task Check_BadUsage_ExitTwo(params string[] args)
    {
        var (code, _, stderr) = await RunAsync(args);

        Assert.Equal(2, code);
        Assert.Contains("slobot catalog check", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Executable_ThirtyThousandLevelsDeepAndNonUtf8Files_AreProblemsNotACrash()
    {
        var catalog = Catalog(("good.yaml", SlothCrd));
        await File.WriteAllTextAsync(Path.Combine(catalog, "deep.yaml"), "a: " + new string('[', 30_000) + new string(']', 30_000) + "\n");
        await File.WriteAllTextAsync(Path.Combine(catalog, "deep-block.yaml"), string.Concat(Enumerable.Range(0, 30_000).Select(i => new string(' ', i % 2) + "- \n")));
        await File.WriteAllBytesAsync(Path.Combine(catalog, "latin1.yaml"), Encoding.Latin1.GetBytes("apiVersion: openslo/v1\nkind: Service\nmetadata: {name: café}\n"));
        Directory.CreateSymbolicLink(Path.Combine(catalog, "loop"), catalog);

        var (code, stdout, stderr) = await RunProcessAsync("catalog", "check", catalog, "--json");

        Assert.True(code == 1, $"exit {code}: {stderr}");
        var problems = JsonDocument.Parse(stdout).RootElement.GetProperty("problems").EnumerateArray().ToArray();
        Assert.Contains(problems, p => p.GetProperty("file").GetString() == "deep.yaml" && p.GetProperty("message").GetString()!.Contains("levels deep", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.GetProperty("file").GetString() == "latin1.yaml" && p.GetProperty("line").GetInt32() == 3);
        Assert.Contains(problems, p => p.GetProperty("file").GetString() == "loop" && p.GetProperty("severity").GetString() == "note");
        Assert.Single(JsonDocument.Parse(stdout).RootElement.GetProperty("slos").EnumerateArray());
    }

    [Fact]
    public async Task AskCatalogAndStatus_CountTheProblems()
    {
        var catalog = Catalog(("good.yaml", SlothCrd), ("typo.yaml", "a: [b\nc: d\n"));
        var store = $"--SloBot:Storage:ConnectionString=Data Source={Path.Combine(_dir, "state.db")}";

        var (code, stdout, _) = await RunAsync("ask", "/slo catalog", $"--SloBot:Catalog:Path={catalog}", store);
        var (jsonCode, json, _) = await RunAsync("ask", "/slo catalog", "--json", $"--SloBot:Catalog:Path={catalog}", store);
        var (statusCode, status, _) = await RunAsync("ask", "/slo status", "--json", $"--SloBot:Catalog:Path={catalog}", store);

        Assert.Equal((0, 0, 0), (code, jsonCode, statusCode));
        Assert.Contains("1 service", stdout, StringComparison.Ordinal);
        Assert.Contains("typo.yaml:", stdout, StringComparison.Ordinal);
        Assert.Equal(1, JsonDocument.Parse(json).RootElement.GetProperty("errors").GetInt32());
        Assert.Equal(1, JsonDocument.Parse(status).RootElement.GetProperty("catalogProblems").GetInt32());
    }

    private string Catalog(params (string Path, string Text)[] files)
    {
        var dir = Path.Combine(_dir, "catalog");
        foreach (var (path, text) in files)
        {
            var full = Path.Combine(dir, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }

        return dir;
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await SloBotCli.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The shipped executable in its own process: a stack overflow would be exit 134, not a problem.</summary>
    private async Task<(int Code, string Stdout, string Stderr)> RunProcessAsync(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _dir };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "slobot.dll"));
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
