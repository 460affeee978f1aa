using System.Globalization;
using System.Text.Json;
using SloBot.Core.Catalog;
using Xunit;

namespace SloBot.IntegrationTests.Prometheus;

/// <summary>
/// <c>/slo budget</c> and <c>/slo status</c> through the real chat layer against a real Prometheus, checked against
/// PromQL written by hand and sent straight to Prometheus, and against the generator's exact counts.
/// Samples sit on both edges of every window (2.42 range selectors are closed on the left), so increase() needs no
/// extrapolation and equals the exact count; rate() × seconds does too, up to floating point. Hence relative 1e-9.
/// </summary>
[Collection(PrometheusCollection.Name)]
public sealed class PrometheusBudgetTests(PrometheusFixture fixture)
{
    private const double Tolerance = 1e-9;

    private static readonly string[] Windows = ["30d", "1h", "6h", "1d", "3d"];

    internal const string OpenSloPayment = """
        apiVersion: openslo/v1
        kind: SLO
        metadata: {name: availability}
        spec:
          service: payment
          budgetingMethod: Occurrences
          timeWindow: [{duration: 30d, isRolling: true}]
          indicator:
            metadata: {name: payment-availability}
            spec:
              ratioMetric:
                counter: true
                good: {metricSource: {type: Prometheus, spec: {query: 'sum(http_requests_total{service="payment",code!~"5.."})'}}}
                total: {metricSource: {type: Prometheus, spec: {query: 'sum(http_requests_total{service="payment"})'}}}
          objectives: [{target: 0.999}]
        """;

    internal const string SlothCheckout = """
        version: prometheus/v1
        service: checkout
        slos:
          - name: requests-availability
            objective: 99.5
            sli:
              events:
                error_query: sum(rate(http_requests_total{service="checkout",code=~"5.."}[{{.window}}]))
                total_query: sum(rate(http_requests_total{service="checkout"}[{{.window}}]))
        """;

    [Fact]
    public async Task Budget_OpenSloCounterSlo_EqualsPromQlComputedDirectly()
    {
        var expected = new Dictionary<string, (double Good, double Total)>();
        foreach (var w in Windows)
        {
            var total = await Direct($"sum(increase(http_requests_total{{service=\"payment\"}}[{w}]))");
            var good = await Direct($"sum(increase(http_requests_total{{service=\"payment\",code!~\"5..\"}}[{w}]))");
            expected[w] = (good, total);
        }

        await AssertBudgetAsync(OpenSloPayment, "payment", "availability", 0.999, expected);
    }

    [Fact]
    public async Task Budget_SlothRateSlo_EqualsPromQlComputedDirectly()
    {
        var expected = new Dictionary<string, (double Good, double Total)>();
        foreach (var w in Windows)
        {
            var seconds = Seconds(w);
            var total = await Direct($"sum(rate(http_requests_total{{service=\"checkout\"}}[{w}])) * {seconds}");
            var bad = await Direct($"sum(rate(http_requests_total{{service=\"checkout\",code=~\"5..\"}}[{w}])) * {seconds}");
            expected[w] = (total - bad, total);
        }

        await AssertBudgetAsync(SlothCheckout, "checkout", "requests-availability", 0.995, expected);
    }

    [Fact]
    public async Task DirectPromQl_WindowsOnSampleEdges_EqualTheExactCounts()
    {
        foreach (var w in Windows)
        {
            var (good, total) = fixture.Traffic.Count("payment", PrometheusFixture.End, TimeSpan.FromSeconds(Seconds(w)));
            Close(total, await Direct($"sum(increase(http_requests_total{{service=\"payment\"}}[{w}]))"), $"payment total {w}");
            Close(good, await Direct($"sum(increase(http_requests_total{{service=\"payment\",code=\"200\"}}[{w}]))"), $"payment good {w}");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(40)]
    public async Task Status_AnyNumberOfServices_CostsOneQuery(int copies)
    {
        var catalog = new CatalogReader().Add("payment.yaml", OpenSloPayment).Add("checkout.yaml", SlothCheckout);
        for (var i = 0; i < copies; i++)
        {
            // Distinct expressions (code!="n") so nothing is de-duplicated: each copy really costs terms.
            catalog.Add($"copy{i}.yaml", OpenSloPayment.Replace("service: payment", $"service: copy-{i:00}", StringComparison.Ordinal)
                .Replace("code!~\"5..\"", $"code!~\"5..\",code!=\"{i}\"", StringComparison.Ordinal));
        }

        using var chat = new ChatHarness(fixture.Server.Url, catalog.Build(), PrometheusFixture.End);

        var reply = await chat.AskAsync("/slo status");

        Assert.Equal(0, reply.ExitCode);
        Assert.Equal(3, chat.Requests); // recording rules looked for (once an hour), the counts and the hourly history, each one batched query
        var services = ChatHarness.Json(reply).GetProperty("services").EnumerateArray().ToArray();
        Assert.Equal(copies + 2, services.Length);
        // Every copy reads payment's data: the same remaining budget as payment itself.
        var payment = services.Single(s => s.GetProperty("service").GetString() == "payment").GetProperty("remaining").GetDouble();
        Assert.All(services.Where(s => s.GetProperty("service").GetString()!.StartsWith("copy-", StringComparison.Ordinal)),
            s => Close(payment, s.GetProperty("remaining").GetDouble(), "copy remaining"));
        // Riskiest first.
        var remaining = services.Select(s => s.GetProperty("remaining").GetDouble()).ToArray();
        Assert.Equal(remaining.Order().ToArray(), remaining);
    }

    [Fact]
    public async Task Status_SlosDifferingOnlyInService_FoldedQueryEqualsPerServicePromQl()
    {
        var catalog = new CatalogReader()
            .Add("payment.yaml", OpenSloPayment)
            .Add("checkout.yaml", OpenSloPayment.Replace("payment", "checkout", StringComparison.Ordinal))
            .Build();
        using var chat = new ChatHarness(fixture.Server.Url, catalog, PrometheusFixture.End);

        var reply = await chat.AskAsync("/slo status");

        Assert.Equal(0, reply.ExitCode);
        Assert.Equal(3, chat.Requests); // recording rules looked for (once an hour), the counts and the hourly history, each one batched query
        var slos = ChatHarness.Json(reply).GetProperty("slos").EnumerateArray().ToArray();
        Assert.Equal(2, slos.Length);
        foreach (var slo in slos)
        {
            var service = slo.GetProperty("service").GetString()!;
            var total = await Direct($"sum(increase(http_requests_total{{service=\"{service}\"}}[30d]))");
            var good = await Direct($"sum(increase(http_requests_total{{service=\"{service}\",code!~\"5..\"}}[30d]))");
            Assert.True(total > 0);
            Close(total, slo.GetProperty("totalEvents").GetDouble(), $"{service} totalEvents");
            Close(good, slo.GetProperty("goodEvents").GetDouble(), $"{service} goodEvents");
            var total1h = await Direct($"sum(increase(http_requests_total{{service=\"{service}\"}}[1h]))");
            var good1h = await Direct($"sum(increase(http_requests_total{{service=\"{service}\",code!~\"5..\"}}[1h]))");
            Close((1 - (good1h / total1h)) / 0.001, slo.GetProperty("burnRates").GetProperty("1h").GetDouble(), $"{service} burn 1h");
        }
    }

    [Fact]
    public async Task Series_LastDayHourly_BucketsAddUpToTheDay()
    {
        var slo = CatalogReader.Read("payment.yaml", OpenSloPayment).Services[0].Slos[0];
        using var chat = new ChatHarness(fixture.Server.Url, CatalogReader.Read("p.yaml", OpenSloPayment), PrometheusFixture.End);
        var source = (SloBot.Core.Sli.ISliSource)chat.Services.GetService(typeof(SloBot.Core.Sli.ISliSource))!;

        var buckets = await source.SeriesAsync(slo, PrometheusFixture.End.AddDays(-1), PrometheusFixture.End, TimeSpan.FromHours(1), CancellationToken.None);

        Assert.Equal(24, buckets.Count);
        Assert.Equal(PrometheusFixture.End, buckets[^1].End);
        Assert.Equal(1, chat.Requests);
        var (good, total) = fixture.Traffic.Count("payment", PrometheusFixture.End, TimeSpan.FromDays(1));
        Close(total, buckets.Sum(b => b.Counts.Total), "sum of hourly totals");
        Close(good, buckets.Sum(b => b.Counts.Good), "sum of hourly good");
        var incidentHour = fixture.Traffic.Count("payment", PrometheusFixture.End.AddHours(-1), TimeSpan.FromHours(1));
        Close(incidentHour.Total - incidentHour.Good, buckets[^2].Counts.Bad, "bad events in the incident hour");
    }

    [Fact]
    public async Task Budget_PrometheusUnreachable_AnswersExitCodeOneSayingSo()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var chat = new ChatHarness(new Uri($"http://127.0.0.1:{port}/"), CatalogReader.Read("p.yaml", OpenSloPayment), PrometheusFixture.End);

        var reply = await chat.AskAsync("/slo budget payment");

        Assert.Equal(1, reply.ExitCode);
        Assert.Contains("unreachable", reply.PlainText(), StringComparison.Ordinal);
    }

    private async Task AssertBudgetAsync(string yaml, string service, string sloName, double target, Dictionary<string, (double Good, double Total)> expected)
    {
        var catalog = CatalogReader.Read($"{service}.yaml", yaml);
        Assert.Empty(catalog.Problems);
        using var chat = new ChatHarness(fixture.Server.Url, catalog, PrometheusFixture.End);

        var reply = await chat.AskAsync($"/slo budget {service}");

        Assert.Equal(0, reply.ExitCode);
        Assert.Equal(3, chat.Requests); // recording rules looked for (once an hour), the counts and the hourly history, each one batched query
        var slo = Assert.Single(ChatHarness.Json(reply).GetProperty("slos").EnumerateArray().ToArray());
        Assert.Equal(sloName, slo.GetProperty("slo").GetString());
        Assert.Equal("30d", slo.GetProperty("window").GetString());
        Assert.Equal(30 * 86400, slo.GetProperty("windowSeconds").GetDouble());

        var (good, total) = expected["30d"];
        var budget = 1 - target;
        var consumed = (1 - (good / total)) / budget;
        var remaining = 1 - consumed;
        Close(good, slo.GetProperty("goodEvents").GetDouble(), "goodEvents");
        Close(total, slo.GetProperty("totalEvents").GetDouble(), "totalEvents");
        Close(good / total, slo.GetProperty("sli").GetDouble(), "sli");
        Close(consumed, slo.GetProperty("errorBudget").GetProperty("consumed").GetDouble(), "consumed");
        Close(remaining, slo.GetProperty("errorBudget").GetProperty("remaining").GetDouble(), "remaining");
        Close(remaining * budget * 30 * 86400, slo.GetProperty("errorBudget").GetProperty("remainingSeconds").GetDouble(), "remainingSeconds");

        var burnRates = slo.GetProperty("burnRates");
        foreach (var w in Windows.Skip(1))
        {
            var (g, t) = expected[w];
            Close((1 - (g / t)) / budget, burnRates.GetProperty(w).GetDouble(), $"burn rate {w}");
        }

        var status = remaining switch { <= 0 => "exhausted", >= 0.5 => "healthy", >= 0.2 => "attention", >= 0.1 => "warning", _ => "critical" };
        Assert.Equal(status, slo.GetProperty("status").GetString());

        // The current burn is the lower of the 1 h and 6 h rates; below 1× a rolling window never runs out; given to the hour.
        var burn = Math.Min((1 - (expected["1h"].Good / expected["1h"].Total)) / budget, (1 - (expected["6h"].Good / expected["6h"].Total)) / budget);
        var projected = slo.GetProperty("projectedExhaustion");
        if (burn < 1 || remaining <= 0)
        {
            Assert.Equal(System.Text.Json.JsonValueKind.Null, projected.ValueKind);
            return;
        }

        // Hour by hour with the events that leave the window (issue 12, item 4): the hour ending k hours before End + 720 h
        // leaves at End + k h; new traffic comes at the window's mean hourly rate with an error ratio of burn × (1 − target).
        // Checked after each departure: the exact crossing is at most an hour earlier, and the answer is floored to the hour.
        var hours = Enumerable.Range(0, 720).Select(i => fixture.Traffic.Count(service, PrometheusFixture.End - TimeSpan.FromHours(719 - i), TimeSpan.FromHours(1))).ToArray();
        var rate = hours.Sum(h => h.Total) / 720;
        DateTimeOffset? exhaustion = null;
        for (var k = 1; k <= 720 && exhaustion is null; k++)
        {
            var bad = hours.Skip(k).Sum(h => h.Total - h.Good) + (rate * k * burn * budget);
            if (bad >= budget * (hours.Skip(k).Sum(h => h.Total) + (rate * k)))
                exhaustion = PrometheusFixture.End.AddHours(k);
        }

        Assert.NotNull(exhaustion);
        var actual = DateTimeOffset.Parse(projected.GetString()!, CultureInfo.InvariantCulture);
        Assert.True(actual <= exhaustion && exhaustion - actual <= TimeSpan.FromHours(2), $"projected exhaustion {actual:O}, expected {exhaustion:O} to the hour");
    }

    private Task<double> Direct(string promql) => fixture.Server.QueryValueAsync(promql, PrometheusFixture.End);

    private static double Seconds(string window) => window switch
    {
        "30d" => 30 * 86400,
        "3d" => 3 * 86400,
        "1d" => 86400,
        "6h" => 6 * 3600,
        "1h" => 3600,
        _ => throw new ArgumentOutOfRangeException(nameof(window)),
    };

    private static void Close(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= Tolerance * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected:R}, got {actual:R}");
}
