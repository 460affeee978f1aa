using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SloBot.Chat;
using SloBot.Chat.Commands;
using SloBot.Chat.Events;
using SloBot.Core.Budgets;
using SloBot.Core.Catalog;
using SloBot.IntegrationTests.Prometheus;
using SloBot.Sli.Prometheus;
using SloBot.Chat.Budgets;
using SloBot.Chat.Catalog;
using SloBot.Chat.Releases;
using SloBot.Chat.Tiers;
using SloBot.Chat.Design;
using SloBot.Chat.Journeys;

namespace SloBot.Benchmarks.Prometheus;

/// <summary>
/// <c>dotnet run -c Release --project bench/SloBot.Benchmarks -- prom [budget|status|all] [--services 1000] [--step 5m] [--iterations 200] [--max-query-length N]</c>
/// against a real Prometheus started on loopback (docs/prometheus.md, "Benchmarks").
/// <list type="bullet">
/// <item><c>budget</c>: <c>/slo budget payment</c> through the router ÷ the raw PromQL round trip it needs (the same query
/// POSTed with a bare HttpClient), interleaved in one run; target ≤ 1.25.</item>
/// <item><c>status</c>: <c>/slo status</c> over N services with 30 days of data: time and number of queries.</item>
/// </list>
/// </summary>
internal static class PrometheusHarness
{
    private static readonly DateTimeOffset End = new(2026, 1, 15, 0, 0, 0, TimeSpan.Zero);

    public static async Task<int> RunAsync(string[] args)
    {
        var mode = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
        var services = int.Parse(Option(args, "--services") ?? "1000", CultureInfo.InvariantCulture);
        var iterations = int.Parse(Option(args, "--iterations") ?? "200", CultureInfo.InvariantCulture);
        var maxQueryLength = int.Parse(Option(args, "--max-query-length") ?? "1000000", CultureInfo.InvariantCulture);
        if (!SloWindow.TryParse(Option(args, "--step") ?? "5m", out var step))
            throw new ArgumentException("--step must be a duration such as 1m or 5m");
        var ok = true;
        if (mode is "budget" or "all")
            ok &= await BudgetRatioAsync(iterations);
        if (mode is "status" or "all" or "serve")
            await StatusAsync(services, step, maxQueryLength, serve: mode == "serve", url: Option(args, "--url"));
        return ok ? 0 : 1;
    }

    private static async Task<bool> BudgetRatioAsync(int iterations)
    {
        var traffic = new SyntheticTraffic(End, TimeSpan.FromDays(31), TimeSpan.FromMinutes(1))
            .AddService("payment", 1000, 0.0002, (TimeSpan.FromDays(10), TimeSpan.FromMinutes(90), 0.1), (TimeSpan.FromHours(2), TimeSpan.FromMinutes(30), 0.02));
        var watch = Stopwatch.StartNew();
        await using var server = await PrometheusServer.StartAsync(traffic.WriteOpenMetrics);
        Console.WriteLine($"prom budget: Prometheus with 31 days of per-minute data for 1 service ready in {watch.Elapsed.TotalSeconds:0.0} s");

        var catalog = CatalogReader.Read("payment.yaml", Yaml(["payment"]));
        using var bot = new Bot(server.Url, catalog, 1_000_000);
        var slos = catalog.Services[0].Slos;
        var query = Assert1(new CountBatch(slos, BudgetMath.WindowsFor(slos, DateTimeOffset.UnixEpoch)).Queries(1_000_000));
        using var raw = new HttpClient { BaseAddress = server.Url };

        async Task<double> Slobot()
        {
            var t = Stopwatch.GetTimestamp();
            var reply = await bot.AskAsync("budget payment");
            if (reply.ExitCode != 0)
                throw new InvalidOperationException(reply.PlainText());
            return Stopwatch.GetElapsedTime(t).TotalMilliseconds;
        }

        async Task<double> Raw()
        {
            var t = Stopwatch.GetTimestamp();
            using var form = new FormUrlEncodedContent([new("query", query), new("time", End.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture))]);
            using var response = await raw.PostAsync(new Uri("api/v1/query", UriKind.Relative), form);
            _ = await response.Content.ReadAsByteArrayAsync();
            response.EnsureSuccessStatusCode();
            return Stopwatch.GetElapsedTime(t).TotalMilliseconds;
        }

        for (var i = 0; i < 20; i++)
        {
            await Slobot();
            await Raw();
        }

        var requestsBefore = bot.Requests;
        var a = new List<double>();
        var b = new List<double>();
        for (var i = 0; i < iterations; i++)
        {
            // Interleaved, alternating which goes first, so drift on a shared machine hits both equally.
            if (i % 2 == 0)
            {
                a.Add(await Slobot());
                b.Add(await Raw());
            }
            else
            {
                b.Add(await Raw());
                a.Add(await Slobot());
            }
        }

        var queriesPerAnswer = (bot.Requests - requestsBefore) / (double)iterations;
        var ratioMedian = Median(a) / Median(b);
        var ratioMean = a.Average() / b.Average();
        Console.WriteLine($"prom budget: /slo budget payment through the router: median {Median(a):0.00} ms, mean {a.Average():0.00} ms, {queriesPerAnswer:0} PromQL request(s) per answer");
        Console.WriteLine($"prom budget: the same PromQL, raw round trip:        median {Median(b):0.00} ms, mean {b.Average():0.00} ms");
        Console.WriteLine($"prom budget: ratio (median) {ratioMedian:0.000}, ratio (mean) {ratioMean:0.000}; target ≤ 1.25 → {(ratioMedian <= 1.25 ? "met" : "NOT met")} ({iterations} interleaved iterations)");
        return ratioMedian <= 1.25;
    }

    private static async Task StatusAsync(int services, TimeSpan step, int maxQueryLength, bool serve, string? url)
    {
        var names = Enumerable.Range(1, services).Select(i => $"svc-{i:0000}").ToArray();
        var traffic = new SyntheticTraffic(End, TimeSpan.FromDays(31), step);
        foreach (var (name, i) in names.Select((n, i) => (n, i)))
            traffic.AddService(name, 100 + (i % 7 * 50), 0.0005 * (1 + (i % 5)), (TimeSpan.FromDays(1 + (i % 20)), TimeSpan.FromMinutes(30 + (i % 4 * 30)), 0.05));
        var watch = Stopwatch.StartNew();
        await using var server = url is null ? await PrometheusServer.StartAsync(w => traffic.WriteOpenMetrics(w)) : null;
        var prometheus = server?.Url ?? new Uri(url!);
        var samples = (long)services * 2 * traffic.Points;
        Console.WriteLine($"prom status: {services} services, {samples:N0} samples ({traffic.Points} per series, one per {SloWindow.Format(step)}) backfilled and ready in {watch.Elapsed.TotalSeconds:0.0} s");

        if (serve)
        {
            // Keeps the server for manual PromQL experiments until stdin closes.
            Console.WriteLine($"prom serve: {prometheus}");
            await Console.In.ReadToEndAsync();
            return;
        }

        var catalog = CatalogReader.Read("catalog.yaml", Yaml(names));
        if (catalog.Problems.Count > 0)
            throw new InvalidOperationException(string.Join('\n', catalog.Problems));
        using var bot = new Bot(prometheus, catalog, maxQueryLength);
        var slos = catalog.Services.SelectMany(s => s.Slos).ToArray();
        var queries = new CountBatch(slos, BudgetMath.WindowsFor(slos, DateTimeOffset.UnixEpoch)).Queries(maxQueryLength);
        Console.WriteLine($"prom status: {slos.Length} SLOs × {BudgetMath.WindowsFor(slos, DateTimeOffset.UnixEpoch).Count} windows → {queries.Count} PromQL quer{(queries.Count == 1 ? "y" : "ies")}, {queries.Sum(q => q.Length):N0} characters (MaxQueryLength {maxQueryLength:N0})");
        for (var run = 1; run <= 3; run++)
        {
            var before = bot.Requests;
            var samplesBefore = bot.SamplesScanned;
            var t = Stopwatch.GetTimestamp();
            var reply = await bot.AskAsync("status");
            var elapsed = Stopwatch.GetElapsedTime(t);
            if (reply.ExitCode != 0)
                throw new InvalidOperationException(reply.PlainText());
            Console.WriteLine($"prom status: run {run}: /slo status over {services} services in {elapsed.TotalSeconds:0.00} s with {bot.Requests - before} HTTP request(s) to Prometheus, " +
                $"{bot.SamplesScanned - samplesBefore:N0} samples scanned (Prometheus stats totalQueryableSamples; default --query.max-samples 50,000,000 is per query, peak {bot.PeakSamples:N0}) — {reply.Summary}");
        }
    }

    /// <summary>Even services as OpenSLO counter SLOs, odd ones as Sloth rate templates.</summary>
    private static string Yaml(IEnumerable<string> services) => string.Join("---\n", services.Select((s, i) => (i % 2 == 0
        ? """
          apiVersion: openslo/v1
          kind: SLO
          metadata: {name: availability}
          spec:
            service: SERVICE
            timeWindow: [{duration: 30d, isRolling: true}]
            indicator:
              spec:
                ratioMetric:
                  counter: true
                  good: {metricSource: {spec: {query: 'sum(http_requests_total{service="SERVICE",code!~"5.."})'}}}
                  total: {metricSource: {spec: {query: 'sum(http_requests_total{service="SERVICE"})'}}}
            objectives: [{target: 0.999}]

          """
        : """
          version: prometheus/v1
          service: SERVICE
          slos:
            - name: availability
              objective: 99.5
              sli:
                events:
                  error_query: sum(rate(http_requests_total{service="SERVICE",code=~"5.."}[{{.window}}]))
                  total_query: sum(rate(http_requests_total{service="SERVICE"}[{{.window}}]))

          """).Replace("SERVICE", s, StringComparison.Ordinal)));

    private static string Assert1(IReadOnlyList<string> queries) => queries.Count == 1 ? queries[0] : throw new InvalidOperationException("expected one query");

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>The chat layer with the Prometheus source at a fixed "now", counting HTTP requests to Prometheus.</summary>
    private sealed class Bot : IDisposable
    {
        private readonly ServiceProvider _provider;
        private readonly CommandRouter _router;
        private int _requests;

        public Bot(Uri prometheus, ISloCatalog catalog, int maxQueryLength)
        {
            var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["SloBot:Sli:Prometheus:Url"] = prometheus.ToString(),
                ["SloBot:Sli:Prometheus:Timeout"] = "2m",
                ["SloBot:Sli:Prometheus:MaxQueryLength"] = maxQueryLength.ToString(CultureInfo.InvariantCulture),
            }).Build();
            var services = new ServiceCollection();
            services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
            services.AddSingleton<TimeProvider>(new FixedTime(End));
            services.AddSingleton(catalog);
            services.AddSloBotChat().AddBudgets().AddCatalogCommand().AddReleases().AddTiers().AddDesign().AddJourneys();
            services.AddPrometheusSliSource(config);
            services.AddHttpClient(PrometheusSliSource.HttpClientName).AddHttpMessageHandler(() => new Counting(this));
            _provider = services.BuildServiceProvider();
            _router = _provider.GetRequiredService<CommandRouter>();
        }

        public int Requests => Volatile.Read(ref _requests);

        /// <summary>Samples Prometheus loaded for the queries so far (<c>stats=all</c>: <c>totalQueryableSamples</c>).</summary>
        public long SamplesScanned => Interlocked.Read(ref _samples);

        /// <summary>The most samples one query loaded (<c>peakSamples</c>), what <c>--query.max-samples</c> limits.</summary>
        public long PeakSamples => Interlocked.Read(ref _peak);

        private long _samples;
        private long _peak;

        public Task<SloBot.Chat.Replies.Reply> AskAsync(string text) =>
            _router.RouteAsync(new CommandEvent("bench", new ConversationKey("bench", "C1"), new ChatUser("U1"), End, text), CancellationToken.None);

        public void Dispose() => _provider.Dispose();

        private sealed class Counting(Bot bot) : DelegatingHandler
        {
            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                Interlocked.Increment(ref bot._requests);
                if (request.Content is not FormUrlEncodedContent form)
                    return await base.SendAsync(request, cancellationToken);
                // Ask Prometheus for its query statistics and read them from the answer, leaving the body as it was.
                var body = await form.ReadAsStringAsync(cancellationToken);
                request.Content = new StringContent(body + "&stats=all", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
                var response = await base.SendAsync(request, cancellationToken);
                var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                using (var doc = System.Text.Json.JsonDocument.Parse(bytes))
                {
                    if (doc.RootElement.TryGetProperty("data", out var data) && data.ValueKind == System.Text.Json.JsonValueKind.Object
                        && data.TryGetProperty("stats", out var stats) && stats.TryGetProperty("samples", out var samples))
                    {
                        Interlocked.Add(ref bot._samples, samples.GetProperty("totalQueryableSamples").GetInt64());
                        var peak = samples.GetProperty("peakSamples").GetInt64();
                        long seen;
                        while ((seen = Interlocked.Read(ref bot._peak)) < peak && Interlocked.CompareExchange(ref bot._peak, peak, seen) != seen)
                        {
                        }
                    }
                }

                var copy = new ByteArrayContent(bytes);
                foreach (var header in response.Content.Headers)
                    copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
                response.Content = copy;
                return response;
            }
        }
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
