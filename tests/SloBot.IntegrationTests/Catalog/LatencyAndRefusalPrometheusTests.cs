using System.Text.Json;
using SloBot.Core.Catalog;
using SloBot.IntegrationTests.Prometheus;
using Xunit;

namespace SloBot.IntegrationTests.Catalog;

/// <summary>
/// Issue 11 item 5 and "one bad SLO never breaks the rest", on a real Prometheus: latency SLOs count whole histogram
/// buckets (checked against the generator's exact counts), a threshold that is not a boundary is reported with the
/// nearest boundaries Prometheus knows, and a query Prometheus refuses costs only its own SLO.
/// </summary>
[Collection(CatalogPrometheusCollection.Name)]
public sealed class LatencyAndRefusalPrometheusTests(CatalogPrometheusFixture fixture)
{
    private const double Tolerance = 1e-9;

    private const string Latency = """
        apiVersion: openslo/v1
        kind: SLO
        metadata: {name: latency}
        spec:
          service: search
          timeWindow: [{duration: 1d, isRolling: true}]
          indicator:
            metadata: {name: search-latency}
            spec:
              thresholdMetric:
                metricSource:
                  type: Prometheus
                  spec: {query: 'http_request_duration_seconds_bucket{job="search"}'}
          objectives:
            - {displayName: p90, op: lte, value: 0.25, target: 0.9}
            - {displayName: p99, op: lte, value: 1, target: 0.99}
            - {displayName: p95, op: lte, value: 0.3, target: 0.95}
        """;

    [Fact]
    public async Task Budget_LatencyObjectives_AreSeparateSlosCountingWholeBuckets()
    {
        var catalog = CatalogReader.Read("search.yaml", Latency);
        Assert.Empty(catalog.Problems);
        using var chat = new ChatHarness(fixture.Server.Url, catalog, CatalogPrometheusFixture.End);

        var reply = await chat.AskAsync("/slo budget search");

        Assert.Equal(0, reply.ExitCode);
        var slos = ChatHarness.Json(reply).GetProperty("slos").EnumerateArray().ToDictionary(s => s.GetProperty("slo").GetString()!);
        foreach (var (name, le) in new[] { ("latency-p90", "0.25"), ("latency-p99", "1") })
        {
            var slo = slos[name];
            Assert.True(slo.GetProperty("sourceError").ValueKind == JsonValueKind.Null, slo.ToString());
            var total = fixture.Bucket("+Inf", TimeSpan.FromDays(1));
            var good = fixture.Bucket(le, TimeSpan.FromDays(1));
            AssertClose(total, slo.GetProperty("totalEvents").GetDouble());
            AssertClose(good, slo.GetProperty("goodEvents").GetDouble());
            AssertClose(good / total, slo.GetProperty("sli").GetDouble());
            var badHour = fixture.Bucket("+Inf", TimeSpan.FromHours(1)) - fixture.Bucket(le, TimeSpan.FromHours(1));
            var target = slo.GetProperty("target").GetDouble();
            AssertClose(badHour / fixture.Bucket("+Inf", TimeSpan.FromHours(1)) / (1 - target), slo.GetProperty("burnRates").GetProperty("1h").GetDouble());
            Assert.Equal(JsonValueKind.Null, slo.GetProperty("sourceError").ValueKind);
        }

        // Own budgets: the same events, different thresholds and targets, different budgets left.
        Assert.NotEqual(slos["latency-p90"].GetProperty("errorBudget").GetProperty("remaining").GetDouble(), slos["latency-p99"].GetProperty("errorBudget").GetProperty("remaining").GetDouble());
    }

    [Fact]
    public async Task Budget_ThresholdBetweenBoundaries_IsAProblemNamingTheNearestBoundariesNeverAGuess()
    {
        var catalog = CatalogReader.Read("search.yaml", Latency);
        using var chat = new ChatHarness(fixture.Server.Url, catalog, CatalogPrometheusFixture.End);

        var reply = await chat.AskAsync("/slo budget search latency-p95");

        Assert.Equal(1, reply.ExitCode); // the only SLO asked for was not counted: a source failure, not an answer
        var slo = Assert.Single(ChatHarness.Json(reply).GetProperty("slos").EnumerateArray().ToArray());
        Assert.Equal("nodata", slo.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, slo.GetProperty("sli").ValueKind);
        var error = slo.GetProperty("sourceError").GetString()!;
        Assert.True(error.Contains("its boundaries: 0.05, 0.1, 0.25, 0.5, 1, +Inf", StringComparison.Ordinal), error);
        Assert.Contains("search/latency-p95 (search.yaml:", error, StringComparison.Ordinal);
        Assert.Contains("the latency threshold 0.3 is not a bucket boundary of http_request_duration_seconds_bucket{job=\"search\"}", error, StringComparison.Ordinal);
        Assert.Contains("the nearest boundaries are 0.25 and 0.5", error, StringComparison.Ordinal);
        Assert.Contains("its boundaries: 0.05, 0.1, 0.25, 0.5, 1, +Inf", error, StringComparison.Ordinal);
        var text = string.Join("\n", reply.Blocks.OfType<SloBot.Chat.Replies.TextBlock>().Select(b => b.Text));
        Assert.Contains("not a bucket boundary", text, StringComparison.Ordinal);
    }

    private const string Services = """
        version: prometheus/v1
        service: alpha
        slos:
          - name: availability
            objective: 99
            sli:
              events:
                error_query: sum(increase(app_requests_total{service="alpha",code="500"}[{{.window}}]))
                total_query: sum(increase(app_requests_total{service="alpha"}[{{.window}}]))
        ---
        version: prometheus/v1
        service: beta
        slos:
          - name: availability
            objective: 99
            sli:
              events:
                error_query: sum(increase(app_requests_total{service="beta",code="500"}[{{.window}}]))
                total_query: sum(increase(app_requests_total{service="beta"}[{{.window}}]))
        ---
        version: prometheus/v1
        service: gamma
        slos:
          - name: availability
            objective: 99
            sli:
              events:
                error_query: sum(increase_by_minute(app_requests_total{service="alpha",code="500"}[{{.window}}]))
                total_query: sum(increase(app_requests_total{service="alpha"}[{{.window}}]))
        """;

    [Fact]
    public async Task Status_OneQueryPrometheusRefuses_NamesItsSloWithPrometheusMessageAndAnswersTheOthers()
    {
        var catalog = CatalogReader.Read("services.yaml", Services);
        Assert.DoesNotContain(catalog.Problems, p => p.Severity == CatalogSeverity.Error);
        using var chat = new ChatHarness(fixture.Server.Url, catalog, CatalogPrometheusFixture.End);

        var reply = await chat.AskAsync("/slo status");

        Assert.Equal(0, reply.ExitCode);
        var json = ChatHarness.Json(reply);
        var slos = json.GetProperty("slos").EnumerateArray().ToDictionary(s => s.GetProperty("service").GetString()!);
        foreach (var service in new[] { "alpha", "beta" })
        {
            // Sloth's 30-day window is longer than the two days of data: every sample counts (the first is 0, so increase() adds nothing).
            var bad = fixture.Requests(service, "500", TimeSpan.FromDays(2));
            var total = bad + fixture.Requests(service, "200", TimeSpan.FromDays(2));
            AssertClose(total, slos[service].GetProperty("totalEvents").GetDouble());
            AssertClose(total - bad, slos[service].GetProperty("goodEvents").GetDouble());
        }

        var culprit = slos["gamma"];
        Assert.Equal("nodata", culprit.GetProperty("status").GetString());
        var error = culprit.GetProperty("sourceError").GetString()!;
        Assert.StartsWith("gamma/availability (services.yaml:", error, StringComparison.Ordinal);
        Assert.Contains("rejected the query (HTTP 400, bad_data)", error, StringComparison.Ordinal);
        Assert.Contains("unknown function with name \"increase_by_minute\"", error, StringComparison.Ordinal);
        var listed = Assert.Single(json.GetProperty("sloErrors").EnumerateArray().ToArray());
        Assert.Equal("gamma", listed.GetProperty("service").GetString());
        Assert.Equal("services.yaml", listed.GetProperty("file").GetString());
        var text = string.Join("\n", reply.Blocks.OfType<SloBot.Chat.Replies.TextBlock>().Select(b => b.Text));
        Assert.Contains("1 SLO was not counted (the others are)", text, StringComparison.Ordinal);
        Assert.Contains("gamma/availability", text, StringComparison.Ordinal);

        // Asked alone, the refused SLO is the whole answer: an SLI-source failure (exit 1) that names it.
        var alone = await chat.AskAsync("/slo budget gamma");
        Assert.Equal(1, alone.ExitCode);
        Assert.Contains("unknown function with name \"increase_by_minute\"", alone.PlainText(), StringComparison.Ordinal);
    }

    private static void AssertClose(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= Tolerance * Math.Max(1, Math.Abs(expected)), $"expected {expected}, got {actual}");
}
