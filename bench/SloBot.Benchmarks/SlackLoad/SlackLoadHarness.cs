using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SloBot.Chat;
using SloBot.Core.Catalog;
using SloBot.Core.Sli;
using SloBot.Sli.Embedded;
using SloBot.Slack.Tests.Emulator;

namespace SloBot.Benchmarks.SlackLoad;

/// <summary>
/// <c>slack-load [commands] [--sockets N] [--workers N]</c>: the real Slack transport and chat layer in one host, against the
/// in-process Slack emulator (the tests' one), answering <c>/slo budget payment</c> from the embedded SQLite source
/// holding 31 days of per-minute events. After a warm-up, all commands are sent at once over Socket Mode; reports the
/// ack latency (envelope sent → ack received by "Slack") and the end-to-end latency (envelope sent → answer received
/// on the response_url), p50/p95/p99/max in milliseconds. Exit code 1 when the ack p99 misses the 50 ms target.
/// </summary>
internal static class SlackLoadHarness
{
    private static readonly SloDefinition Slo = new("payment", "availability", 0.999, TimeSpan.FromDays(30), SliQuery.EmbeddedOnly);

    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Where((a, i) => int.TryParse(a, out _) && (i == 0 || !args[i - 1].StartsWith("--", StringComparison.Ordinal))).Select(int.Parse).DefaultIfEmpty(500).First();
        var sockets = args.SkipWhile(a => a != "--sockets").Skip(1).Select(int.Parse).DefaultIfEmpty(1).First();
        var workers = args.SkipWhile(a => a != "--workers").Skip(1).FirstOrDefault(); // SloBot:Slack:MaxConcurrentEvents, default the option's
        var dir = Directory.CreateTempSubdirectory("slobot-slack-load-");
        try
        {
            var store = new EmbeddedSliStore(Options.Create(new EmbeddedStoreOptions { ConnectionString = $"Data Source={Path.Combine(dir.FullName, "sli.db")}" }));
            await SeedAsync(store);
            await using var slack = await SlackEmulator.StartAsync();
            await using var host = await SlackTestHost.StartAsync(
                slack,
                s => s.AddSloBotChat()
                    .AddSingleton<ISloCatalog>(new InMemorySloCatalog([new ServiceDefinition("payment", [Slo])]))
                    .AddSingleton<ISliSource>(store),
                new Dictionary<string, string?>
                {
                    ["SloBot:Slack:SocketConnections"] = sockets.ToString(CultureInfo.InvariantCulture),
                    ["SloBot:Slack:MaxConcurrentEvents"] = workers,
                });
            await SlackEmulator.WaitUntilAsync(() => slack.OpenSockets.Count == sockets, $"{sockets} socket(s)", TimeSpan.FromSeconds(30 + (10 * sockets)));

            await BurstAsync(slack, 50); // warm-up: JIT, connection pools, SQLite pages
            var (acks, answers, elapsed) = await BurstAsync(slack, count);

            Console.WriteLine($"slack-load: {count} × /slo budget payment in flight at once, {sockets} socket(s), {workers ?? "default"} workers, embedded SQLite source (31 days per minute)");
            Console.WriteLine($"  burst answered in {elapsed.TotalMilliseconds:F0} ms ({count / elapsed.TotalSeconds:F0} commands/s)");
            Print("ack latency (ms)       ", acks);
            Print("end-to-end latency (ms)", answers);
            var p99 = Percentile(acks, 0.99);
            Console.WriteLine(p99 < 50 ? $"  ack p99 {p99:F1} ms < 50 ms target: met" : $"  ack p99 {p99:F1} ms ≥ 50 ms target: MISSED");
            store.Dispose();
            return p99 < 50 ? 0 : 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            dir.Delete(recursive: true);
        }
    }

    private static async Task<(double[] Acks, double[] Answers, TimeSpan Elapsed)> BurstAsync(SlackEmulator slack, int count)
    {
        var answeredBefore = slack.CallsOf("response_url").Count;
        var sent = new List<(string EnvelopeId, string ResponseId, DateTimeOffset At)>(count);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var url = slack.NewResponseUrl(out var responseId);
            var at = TimeProvider.System.GetUtcNow();
            var id = await slack.SendAsync(SlackEnvelopes.SlashCommand("budget payment", url, channel: $"C{i % 20:D4}", user: $"U{i:D4}"), slack.OpenSockets[i % slack.OpenSockets.Count]);
            sent.Add((id, responseId, at));
        }

        await SlackEmulator.WaitUntilAsync(() => slack.CallsOf("response_url").Count >= answeredBefore + count, $"{count} answers", TimeSpan.FromMinutes(2));
        var elapsed = clock.Elapsed;
        var answers = slack.CallsOf("response_url").ToDictionary(c => c.Form["id"], c => c.At);
        var acks = sent.Select(s => (slack.Acks[s.EnvelopeId].At - s.At).TotalMilliseconds).ToArray();
        var e2e = sent.Select(s => (answers[s.ResponseId] - s.At).TotalMilliseconds).ToArray();
        if (slack.CallsOf("response_url").Skip(answeredBefore).Any(c => !c.Str("text")!.StartsWith("payment:", StringComparison.Ordinal)))
            throw new InvalidOperationException("An answer was not the payment budget.");
        return (acks, e2e, elapsed);
    }

    private static async Task SeedAsync(EmbeddedSliStore store)
    {
        var random = new Random(1);
        var now = TimeProvider.System.GetUtcNow();
        var start = now - TimeSpan.FromDays(31);
        start = new DateTimeOffset(start.Ticks - (start.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
        var minutes = Enumerable.Range(0, (31 * 24 * 60) + 1).Select(i =>
        {
            var total = random.Next(400, 800);
            return new MinuteCounts(Slo.Id, start + TimeSpan.FromMinutes(i), total - random.Next(0, 2), total);
        });
        await store.WriteAsync(minutes, add: false, CancellationToken.None);
    }

    private static void Print(string label, double[] values) => Console.WriteLine(
        $"  {label}  p50 {Percentile(values, 0.5),7:F1}  p95 {Percentile(values, 0.95),7:F1}  p99 {Percentile(values, 0.99),7:F1}  max {values.Max(),7:F1}");

    private static double Percentile(double[] values, double p)
    {
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(p * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}
