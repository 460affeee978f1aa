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
using SloBot.Core.Design;

namespace SloBot.Benchmarks.Prometheus;

/// <summary>
/// <c>dotnet run -c Release --project bench/SloBot.Benchmarks -- prom [budget|status|all] [--services 1000] [--step 5m] [--iterations 200] [--max-query-length N] [--parallel-queries 4]</c>
/// against a real Prometheus started on loopback (docs/prometheus.md, "Benchmarks").
/// <list type="bullet">
/// <item><c>budget</c>: <c>/slo budget payment</c> through the router ÷ the raw PromQL round trip it needs (the same query
/// POSTed with a bare HttpClient), interleaved in one run; target ≤ 1.25.</item>
/// <item><c>status</c>: <c>/slo status</c> over N services with 30 days of data: time, requests and the samples Prometheus
/// scanned per request (<c>stats=all</c>), cold (a fresh bot: detection and the hourly history read) and warm (the same bot
/// again within the hour: history cached), with the load average. <c>--rules</c> first backfills the rules of
/// <c>slobot rules</c> for the catalog with <c>promtool tsdb create-blocks-from rules</c>.</item>
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
        var parallel = int.Parse(Option(args, "--parallel-queries") ?? "4", CultureInfo.InvariantCulture);
        if (!SloWindow.TryParse(Option(args, "--step") ?? "5m", out var step))
            throw new ArgumentException("--step must be a duration such as 1m or 5m");
        var ok = true;
        if (mode is "budget" or "all")
            ok &= await BudgetRatioAsync(iterations);
        if (mode is "status" or "all" or "serve")
            await StatusAsync(services, step, maxQueryLength, parallel, serve: mode == "serve", url: Option(args, "--url"), rules: args.Contains("--rules"));
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
        using var bot = new Bot(server.Url, catalog, 1_000_000, 4);
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

    private static async Task StatusAsync(int services, TimeSpan step, int maxQueryLength, int parallel, bool serve, string? url, bool rules)
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
        if (rules)
        {
            if (server is null)
                throw new ArgumentException("--rules backfills a Prometheus the harness starts; it cannot be combined with --url");
            watch.Restart();
            var (recordings, blocks) = await BackfillRulesAsync(server, catalog, traffic, step);
            Console.WriteLine($"prom status: `slobot rules` for the catalog backfilled ({recordings}; promtool tsdb create-blocks-from openmetrics) and Prometheus restarted in {watch.Elapsed.TotalSeconds:0.0} s ({blocks})");
        }

        var slos = catalog.Services.SelectMany(s => s.Slos).ToArray();
        var queries = new CountBatch(slos, BudgetMath.WindowsFor(slos, DateTimeOffset.UnixEpoch)).Queries(maxQueryLength);
        Console.WriteLine($"prom status: {slos.Length} SLOs × {BudgetMath.WindowsFor(slos, DateTimeOffset.UnixEpoch).Count} windows → raw counts: {queries.Count} PromQL quer{(queries.Count == 1 ? "y" : "ies")}, {queries.Sum(q => q.Length):N0} characters (MaxQueryLength {maxQueryLength:N0}) in one batch, split into up to {parallel} parts sent at once (ParallelQueries)");
        var source = rules ? "recording rules" : "raw counters";

        // Cold: a new bot (nothing detected, no history cached), as after a restart or in the first ask of an hour.
        Bot? last = null;
        for (var run = 1; run <= 2; run++)
        {
            last?.Dispose();
            last = new Bot(prometheus, catalog, maxQueryLength, parallel);
            await AskStatusAsync(last, $"cold run {run}", services, source);
        }

        // Warm: the same bot again within the hour (history cached, recordings detected): what every later ask costs.
        for (var run = 1; run <= 3; run++)
            await AskStatusAsync(last!, $"warm run {run}", services, source);
        last!.Dispose();
    }

    private static async Task AskStatusAsync(Bot bot, string label, int services, string source)
    {
        var load = Machine.LoadAverage();
        var first = bot.Calls.Count;
        var t = Stopwatch.GetTimestamp();
        var reply = await bot.AskAsync("status");
        var elapsed = Stopwatch.GetElapsedTime(t);
        if (reply.ExitCode != 0)
            throw new InvalidOperationException(reply.PlainText());
        var calls = bot.Calls.Skip(first).ToArray();
        Console.WriteLine($"prom status: {label} ({source}): /slo status over {services} services in {elapsed.TotalSeconds:0.00} s, {calls.Length} HTTP request(s), " +
            $"{calls.Sum(c => c.Samples):N0} samples scanned (stats totalQueryableSamples), peak {(calls.Length == 0 ? 0 : calls.Max(c => c.Peak)):N0} in one query " +
            $"(default --query.max-samples 50,000,000 per query); load average {load} — {reply.Summary}");
        foreach (var c in calls)
            Console.WriteLine($"prom status:   {c.Path,-20} {c.Milliseconds,9:0.0} ms  {c.Samples,13:N0} samples  peak {c.Peak,12:N0}  {c.QueryChars,9:N0} chars of PromQL  {c.ResponseBytes,12:N0} bytes answered");
    }

    /// <summary>
    /// Backfills what SloBot reads of <c>slobot rules</c>' output for the catalog (written with the rewriter the tests
    /// use), evaluated every <paramref name="step"/> (the data's own step), as <c>promtool tsdb create-blocks-from rules</c>
    /// does: each rule's expression over the span with <c>query_range</c> at the rule interval, the answer stored under the
    /// rule's name and labels. SloBot's event rates and bucket events over the whole 31 days (the window and the history read
    /// them); the burn-rate ratios and <c>sloth_slo_info</c>, read only at the benchmark's "now", over its last 15 minutes (a
    /// rule's value at a time depends only on the raw series then). The harness sends the queries itself (one per rule) and
    /// writes the answers through <c>promtool tsdb create-blocks-from openmetrics</c>, because promtool's rules backfill sends
    /// one query per rule and two-hour block and writes a block for each: 4 services took 445 s and left 3,005 blocks on this
    /// machine; 1,000 services would be 4,000 rules × 372 blocks.
    /// </summary>
    private static async Task<(string Recordings, string Blocks)> BackfillRulesAsync(PrometheusServer server, ISloCatalog catalog, SyntheticTraffic traffic, TimeSpan step)
    {
        var groups = CatalogRules.Build(catalog.Services, PromQlPreview.ForWindow);
        var period = PrometheusRulesBuilder.ErrorRatioRecord(TimeSpan.FromDays(30));
        var hour = TimeSpan.FromHours(1);
        string[] eventRecords = [PrometheusRulesBuilder.BadEvents, PrometheusRulesBuilder.TotalEvents, PrometheusRulesBuilder.BadEventsOver(hour), PrometheusRulesBuilder.TotalEventsOver(hour)];
        bool IsBurnRatioOrInfo(PrometheusRule r) => r is RecordingRule rec &&
            (rec.Record == "sloth_slo_info" || (rec.Record.StartsWith("slo:sli_error:ratio_rate", StringComparison.Ordinal) && rec.Record != period));
        var start = traffic.Start + step;
        var ratioRules = groups.SelectMany(g => g.Rules).Count(IsBurnRatioOrInfo);
        var eventRules = 0;
        using var http = new HttpClient { BaseAddress = server.Url, Timeout = TimeSpan.FromMinutes(5) };
        // Every record name in its own OpenMetrics family: the event records over the whole span, the ratios and info over the last 15 minutes (SloBot reads them at "now").
        var records = eventRecords.Select(r => (Record: r, From: start))
            .Concat(groups.SelectMany(g => g.Rules).OfType<RecordingRule>().Where(IsBurnRatioOrInfo).Select(r => r.Record).Distinct().Select(r => (Record: r, From: traffic.End - TimeSpan.FromMinutes(15))))
            .ToArray();
        foreach (var (record, from) in records)
        {
            var rules = groups.SelectMany(g => g.Rules).OfType<RecordingRule>().Where(r => r.Record == record).ToArray();
            if (eventRecords.Contains(record))
                eventRules += rules.Length;
            await BackfillRecordAsync(record, rules, from, step);
        }

        await server.BackfillRulesAsync([], step);

        // The window's events read the recorded 5-minute rates, so they are evaluated once those are loaded (a second pass,
        // as promtool's rules backfill needs for a rule over recorded series), every 5 minutes as their group is.
        var windowGroups = groups.Where(g => g.Name.StartsWith("slobot-slo-window-events-", StringComparison.Ordinal)).ToArray();
        foreach (var record in windowGroups.SelectMany(g => g.Rules).OfType<RecordingRule>().Select(r => r.Record).Distinct().ToArray())
        {
            var rules = windowGroups.SelectMany(g => g.Rules).OfType<RecordingRule>().Where(r => r.Record == record).ToArray();
            await BackfillRecordAsync(record, rules, traffic.End - TimeSpan.FromMinutes(15), CatalogRules.WindowEventsInterval);
        }

        if (windowGroups.Length > 0)
            await server.BackfillRulesAsync([], step);
        return ($"{eventRules:N0} event-rate and bucket-event rules over {(traffic.End - start).TotalDays:0.#} days, {ratioRules:N0} ratio and info rules over the last 15 minutes, each evaluated with one query_range every {SloWindow.Format(step)}; " +
                $"then {windowGroups.Sum(g => g.Rules.Count):N0} window-event rules over the last 15 minutes every {SloWindow.Format(CatalogRules.WindowEventsInterval)}",
            await server.TsdbStateAsync());

        async Task BackfillRecordAsync(string record, RecordingRule[] rules, DateTimeOffset from, TimeSpan every)
        {
            var answers = new (IReadOnlyDictionary<string, string> Labels, List<(long At, double Value)> Points)[rules.Length];
            await Parallel.ForEachAsync(Enumerable.Range(0, rules.Length), new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (i, ct) =>
                answers[i] = await EvaluateAsync(http, rules[i], from, traffic.End, every, ct));
            await server.AddBlocksAsync(writer =>
            {
                writer.Write($"# TYPE {record} gauge\n");
                foreach (var (labels, points) in answers)
                {
                    var prefix = $"{record}{{{string.Join(",", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}=\"{CountBatch.Escape(l.Value)}\""))}}} ";
                    foreach (var (at, value) in points)
                        writer.Write($"{prefix}{value.ToString("R", CultureInfo.InvariantCulture)} {at.ToString(CultureInfo.InvariantCulture)}\n");
                }

                writer.Write("# EOF\n");
            });
        }
    }

    /// <summary>One recording rule over [start, end] every step, as promtool's rules backfill evaluates it: one series (the rule's expressions aggregate to one).</summary>
    private static async Task<(IReadOnlyDictionary<string, string> Labels, List<(long At, double Value)> Points)> EvaluateAsync(HttpClient http, RecordingRule rule, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken ct)
    {
        using var form = new FormUrlEncodedContent([
            new("query", rule.Expr), new("start", start.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
            new("end", end.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)), new("step", step.TotalSeconds.ToString(CultureInfo.InvariantCulture))]);
        using var response = await http.PostAsync(new Uri("api/v1/query_range", UriKind.Relative), form, ct);
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{rule.Record}: HTTP {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}");
        using var doc = System.Text.Json.JsonDocument.Parse(body);
        var result = doc.RootElement.GetProperty("data").GetProperty("result");
        if (result.GetArrayLength() == 0)
            return (rule.Labels, []); // no events, no sample (SloBot's ratios divide by total > 0)
        if (result.GetArrayLength() != 1)
            throw new InvalidOperationException($"{rule.Record} for {rule.Labels.GetValueOrDefault("sloth_id")}: {result.GetArrayLength()} series, expected one");
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var l in result[0].GetProperty("metric").EnumerateObject().Where(l => l.Name != "__name__"))
            labels[l.Name] = l.Value.GetString()!;
        foreach (var (k, v) in rule.Labels)
            labels[k] = v;
        var points = result[0].GetProperty("values").EnumerateArray()
            .Select(p => ((long)p[0].GetDouble(), double.Parse(p[1].GetString()!, CultureInfo.InvariantCulture)))
            .ToList();
        return (labels, points);
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

        public Bot(Uri prometheus, ISloCatalog catalog, int maxQueryLength, int parallelQueries)
        {
            var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["SloBot:Sli:Prometheus:Url"] = prometheus.ToString(),
                ["SloBot:Sli:Prometheus:Timeout"] = "2m",
                ["SloBot:Sli:Prometheus:MaxQueryLength"] = maxQueryLength.ToString(CultureInfo.InvariantCulture),
                ["SloBot:Sli:Prometheus:ParallelQueries"] = parallelQueries.ToString(CultureInfo.InvariantCulture),
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

        /// <summary>Every request so far: its endpoint, time, the samples Prometheus loaded (<c>stats=all</c>) and sizes.</summary>
        public IReadOnlyList<Call> Calls
        {
            get
            {
                lock (_calls)
                    return _calls.ToArray();
            }
        }

        private readonly List<Call> _calls = [];

        public sealed record Call(string Path, double Milliseconds, long Samples, long Peak, int QueryChars, long ResponseBytes);

        public Task<SloBot.Chat.Replies.Reply> AskAsync(string text) =>
            _router.RouteAsync(new CommandEvent("bench", new ConversationKey("bench", "C1"), new ChatUser("U1"), End, text), CancellationToken.None);

        public void Dispose() => _provider.Dispose();

        private sealed class Counting(Bot bot) : DelegatingHandler
        {
            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                Interlocked.Increment(ref bot._requests);
                var path = request.RequestUri?.AbsolutePath ?? "";
                var started = Stopwatch.GetTimestamp();
                if (request.Content is not FormUrlEncodedContent form)
                {
                    var plain = await base.SendAsync(request, cancellationToken);
                    lock (bot._calls)
                        bot._calls.Add(new Call(path, Stopwatch.GetElapsedTime(started).TotalMilliseconds, 0, 0, 0, plain.Content.Headers.ContentLength ?? 0));
                    return plain;
                }

                // Ask Prometheus for its query statistics and read them from the answer, leaving the body as it was.
                var body = await form.ReadAsStringAsync(cancellationToken);
                var query = System.Web.HttpUtility.ParseQueryString(body)["query"] ?? "";
                request.Content = new StringContent(body + "&stats=all", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
                var response = await base.SendAsync(request, cancellationToken);
                var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                long scanned = 0, peak = 0;
                using (var doc = System.Text.Json.JsonDocument.Parse(bytes))
                {
                    if (doc.RootElement.TryGetProperty("data", out var data) && data.ValueKind == System.Text.Json.JsonValueKind.Object
                        && data.TryGetProperty("stats", out var stats) && stats.TryGetProperty("samples", out var samples))
                    {
                        scanned = samples.GetProperty("totalQueryableSamples").GetInt64();
                        peak = samples.GetProperty("peakSamples").GetInt64();
                    }
                }

                lock (bot._calls)
                    bot._calls.Add(new Call(path, elapsed, scanned, peak, query.Length, bytes.LongLength));

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
