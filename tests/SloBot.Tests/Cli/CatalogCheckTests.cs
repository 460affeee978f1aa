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

    private const string CalendarAndSlices = """
        apiVersion: openslo/v1
        kind: SLO
        metadata: {name: monthly}
        spec:
          service: billing
          budgetingMethod: Occurrences
          timeWindow:
            - duration: 1M
              isRolling: false
              calendar: {startTime: "2024-01-01 00:00:00", timeZone: Europe/Paris}
          indicator:
            metadata: {name: billing-requests}
            spec:
              ratioMetric:
                counter: true
                good: {metricSource: {type: Prometheus, spec: {query: 'sum(billing_requests_total{code!~"5.."})'}}}
                total: {metricSource: {type: Prometheus, spec: {query: 'sum(billing_requests_total)'}}}
          objectives: [{target: 0.999}]
        ---
        apiVersion: openslo/v1
        kind: SLO
        metadata: {name: minutes}
        spec:
          service: billing
          budgetingMethod: Timeslices
          timeWindow: [{duration: 7d, isRolling: true}]
          indicator:
            metadata: {name: billing-minutes}
            spec:
              ratioMetric:
                counter: true
                good: {metricSource: {type: Prometheus, spec: {query: 'sum(billing_requests_total{code!~"5.."})'}}}
                total: {metricSource: {type: Prometheus, spec: {query: 'sum(billing_requests_total)'}}}
          objectives: [{target: 0.99, timeSliceTarget: 0.95, timeSliceWindow: 1m}]
        """;

    [Fact]
    public async Task Check_CalendarSlo_ShowsThePeriodSoFarAsSentNotTheNominalLength()
    {
        var catalog = Catalog(("billing.yaml", CalendarAndSlices));
        // 10 March 2026 12:00 UTC: the Paris month began 28 February 23:00 UTC, 9 days 13 hours ago; April's begins 31 March 22:00 UTC.
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));

        var (code, stdout, stderr) = await RunAsync(time, "catalog", "check", catalog, "--json");

        Assert.True(code == 0, stderr + stdout);
        var slos = JsonDocument.Parse(stdout).RootElement.GetProperty("slos").EnumerateArray().ToDictionary(s => s.GetProperty("slo").GetString()!);
        var monthly = slos["monthly"];
        Assert.Equal("calendar", monthly.GetProperty("windowKind").GetString());
        Assert.Equal("2026-02-28T23:00:00+00:00", monthly.GetProperty("periodStart").GetDateTimeOffset().ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(new DateTimeOffset(2026, 3, 31, 22, 0, 0, TimeSpan.Zero), monthly.GetProperty("resetsAt").GetDateTimeOffset());
        Assert.Equal((31 * 86400) - 3600, monthly.GetProperty("windowSeconds").GetDouble()); // March in Paris: 30 days 23 hours
        var queries = monthly.GetProperty("queries");
        Assert.Equal(["1h", "period"], queries.EnumerateObject().Select(q => q.Name));
        Assert.Contains("billing_requests_total[9d13h]", queries.GetProperty("period").GetProperty("total").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("[30d]", stdout, StringComparison.Ordinal);

        var minutes = slos["minutes"].GetProperty("queries").GetProperty("7d");
        Assert.StartsWith("sum_over_time(", minutes.GetProperty("good").GetString(), StringComparison.Ordinal);
        Assert.Contains("[604799999ms:1m]", minutes.GetProperty("total").GetString(), StringComparison.Ordinal);

        var (_, text, _) = await RunAsync(time, "catalog", "check", catalog);
        Assert.Contains("period so far: since 2026-02-28 23:00 UTC (9 days, 13 hours), resets 2026-03-31 22:00 UTC", text, StringComparison.Ordinal);
        Assert.Contains("[9d13h]", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rules_CatalogFolder_WritesSlothShapedRulesToTheFileAndAPrometheusRuleWithKubernetes()
    {
        var catalog = Catalog(("checkout.yaml", SlothCrd), ("billing.yaml", CalendarAndSlices));
        var file = Path.Combine(_dir, "rules.yaml");

        var (code, stdout, stderr) = await RunAsync("rules", catalog, "--out", file);

        Assert.True(code == 0, stderr + stdout);
        var text = await File.ReadAllTextAsync(file);
        Assert.Contains("- name: \"sloth-slo-sli-recordings-checkout-requests-availability\"", text, StringComparison.Ordinal);
        Assert.Contains("sloth_id: \"billing-monthly\"", text, StringComparison.Ordinal);
        Assert.Contains("# billing-monthly: calendar window 1M: no period recording", text, StringComparison.Ordinal);
        Assert.Contains("record: slo:sli_slice_good:ratio", text, StringComparison.Ordinal);
        Assert.Contains("increase(billing_requests_total[1m])", text, StringComparison.Ordinal); // the bare counter is windowed too

        var (kubeCode, kube, _) = await RunAsync("rules", catalog, "--kubernetes");
        Assert.Equal(0, kubeCode);
        Assert.Contains("kind: PrometheusRule", kube, StringComparison.Ordinal);
        Assert.Contains("\n  groups:\n", kube, StringComparison.Ordinal);

        var (folderCode, _, folderError) = await RunAsync("rules", catalog, "--out", _dir);
        Assert.Equal(2, folderCode);
        Assert.Contains("is a folder; give the rules file to write", folderError, StringComparison.Ordinal);
        var (kubeCheckCode, _, kubeCheckError) = await RunAsync("catalog", "check", catalog, "--kubernetes");
        Assert.Equal(2, kubeCheckCode);
        Assert.Contains("--kubernetes is an option of `slobot rules` only", kubeCheckError, StringComparison.Ordinal);
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

    private static Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args) => RunAsync(null, args);

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(TimeProvider? time, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await SloBotCli.RunAsync(args, stdout, stderr, time);
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
