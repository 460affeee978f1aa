using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SloBot.Chat;
using SloBot.Core.Catalog;
using SloBot.Core.Sli;
using SloBot.Discord;
using SloBot.Discord.Gateway;
using SloBot.Discord.Tests.Emulator;

namespace SloBot.Benchmarks.DiscordLoad;

/// <summary>
/// <c>discord-load [interactions=500] [--rate=per-second] [--defer-after=ms] [--json]</c>: the real Discord transport and chat layer against the in-process
/// emulator on loopback. All interactions (<c>/slo budget payment</c>) are sent over the Gateway at once, then it
/// reports the time from dispatch to the initial response (the deferral callback) and to the edited original.
/// </summary>
internal static class DiscordLoadHarness
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Where(a => int.TryParse(a, out _)).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).DefaultIfEmpty(500).First();
        var json = args.Contains("--json");
        var rate = args.FirstOrDefault(a => a.StartsWith("--rate=", StringComparison.Ordinal)) is { } r ? double.Parse(r[7..], CultureInfo.InvariantCulture) : (double?)null;
        var deferAfter = args.FirstOrDefault(a => a.StartsWith("--defer-after=", StringComparison.Ordinal))?["--defer-after=".Length..];
        await using var emulator = await DiscordEmulator.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["SloBot:Discord:BotToken"] = emulator.BotToken,
            ["SloBot:Discord:ApplicationId"] = emulator.ApplicationId,
            ["SloBot:Discord:ApiBaseUrl"] = emulator.ApiBaseUrl.ToString(),
            ["SloBot:Discord:GuildIds:0"] = DiscordEmulator.GuildId,
        };
        if (deferAfter is not null)
            settings["SloBot:Discord:DeferAfter"] = TimeSpan.FromMilliseconds(double.Parse(deferAfter, CultureInfo.InvariantCulture)).ToString("c", CultureInfo.InvariantCulture);
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSloBotChat();
        services.AddSingleton<ISloCatalog>(new InMemorySloCatalog(
            [new ServiceDefinition("payment", [new SloDefinition("payment", "availability", 0.999, TimeSpan.FromDays(30), SliQuery.EmbeddedOnly)])]));
        services.AddSingleton<ISliSource, SteadySource>();
        services.AddDiscordTransport(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        await using var provider = services.BuildServiceProvider();
        using var stop = new CancellationTokenSource();
        var hosted = provider.GetServices<IHostedService>().ToArray();
        foreach (var h in hosted)
            await h.StartAsync(stop.Token);
        var gateway = provider.GetRequiredService<GatewayClient>();
        var ready = Stopwatch.StartNew();
        while (!(emulator.Gateway.IsLive && gateway.SessionId == emulator.Gateway.SessionId) && ready.Elapsed < TimeSpan.FromSeconds(10))
            await Task.Delay(5);

        await MeasureAsync(emulator, Math.Min(count, 100), null); // warm-up: JIT, connection pool
        var result = await MeasureAsync(emulator, count, rate);

        await stop.CancelAsync();
        foreach (var h in hosted)
            await h.StopAsync(CancellationToken.None);
        Print(result, count, rate, json);
        return result.Completed == count ? 0 : 1;
    }

    /// <param name="rate">Interactions per second; null sends them all at once (a burst).</param>
    private static async Task<Result> MeasureAsync(DiscordEmulator emulator, int count, double? rate)
    {
        var sentAt = new ConcurrentDictionary<string, long>();
        var initial = new ConcurrentDictionary<string, long>();
        var final = new ConcurrentDictionary<string, long>();
        var done = new TaskCompletionSource();
        void OnRecorded(RecordedRequest r)
        {
            var token = r.Path.Split('/').FirstOrDefault(p => p.StartsWith("aW50ZXJhY3Rpb246", StringComparison.Ordinal));
            if (token is null || !sentAt.ContainsKey(token))
                return;
            if (r.Path.EndsWith("/callback", StringComparison.Ordinal))
                initial.TryAdd(token, r.Ticks);
            else if (r.Method == "PATCH" && final.TryAdd(token, r.Ticks) && final.Count == count)
                done.TrySetResult();
        }

        emulator.Recorded += OnRecorded;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            if (rate is { } perSecond)
            {
                var due = TimeSpan.FromSeconds(i / perSecond);
                if (due > wall.Elapsed)
                    await Task.Delay(due - wall.Elapsed);
            }

            var interaction = emulator.Interaction(2, Budget());
            sentAt[interaction["token"]!.GetValue<string>()] = Stopwatch.GetTimestamp();
            await emulator.Gateway.DispatchAsync("INTERACTION_CREATE", interaction);
        }

        await Task.WhenAny(done.Task, Task.Delay(TimeSpan.FromSeconds(60)));
        wall.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        emulator.Recorded -= OnRecorded;
        double Ms(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;
        var toInitial = initial.Select(kv => Ms(sentAt[kv.Key], kv.Value)).Order().ToArray();
        var toFinal = final.Select(kv => Ms(sentAt[kv.Key], kv.Value)).Order().ToArray();
        return new Result(final.Count, toInitial, toFinal, wall.Elapsed, cpu);
    }

    private static JsonObject Budget() => new()
    {
        ["id"] = "1600000000000000001",
        ["name"] = "slo",
        ["type"] = 1,
        ["guild_id"] = DiscordEmulator.GuildId,
        ["options"] = new JsonArray(new JsonObject
        {
            ["name"] = "budget",
            ["type"] = 1,
            ["options"] = new JsonArray(new JsonObject { ["name"] = "service", ["type"] = 3, ["value"] = "payment" }),
        }),
    };

    private static void Print(Result r, int count, double? rate, bool json)
    {
        if (json)
        {
            Console.WriteLine(new JsonObject
            {
                ["interactions"] = count,
                ["completed"] = r.Completed,
                ["initialResponseP50Ms"] = Percentile(r.Initial, 0.50),
                ["initialResponseP99Ms"] = Percentile(r.Initial, 0.99),
                ["endToEndP50Ms"] = Percentile(r.Final, 0.50),
                ["endToEndP99Ms"] = Percentile(r.Final, 0.99),
                ["wallSeconds"] = r.Wall.TotalSeconds,
                ["cpuMsPerInteraction"] = r.Cpu.TotalMilliseconds / count,
            }.ToJsonString());
            return;
        }

        Console.WriteLine($"discord-load: {count} interactions (/slo budget payment over the Gateway, {(rate is null ? "all at once" : $"{rate}/s")}), {r.Completed} answered in {r.Wall.TotalSeconds:0.00} s");
        Console.WriteLine($"  time to initial response  p50 {Percentile(r.Initial, 0.50):0.0} ms   p99 {Percentile(r.Initial, 0.99):0.0} ms   (target p99 < 50 ms)");
        Console.WriteLine($"  end to end (edited reply) p50 {Percentile(r.Final, 0.50):0.0} ms   p99 {Percentile(r.Final, 0.99):0.0} ms");
        Console.WriteLine($"  CPU (transport + chat layer + emulator) {r.Cpu.TotalMilliseconds / count:0.00} ms per interaction; machine load average {LoadAverage()}");
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] + $" on {Environment.ProcessorCount} cores" : "unknown";

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private sealed record Result(int Completed, double[] Initial, double[] Final, TimeSpan Wall, TimeSpan Cpu);

    private sealed class SteadySource : ISliSource
    {
        public Task<SliCounts> CountAsync(IReadOnlyList<SloDefinition> slos, IReadOnlyList<TimeSpan> windows, DateTimeOffset end, CancellationToken cancellationToken)
        {
            var counts = new SliCounts();
            foreach (var slo in slos)
            {
                foreach (var window in windows)
                    counts.Set(slo.Id, window, new EventCounts(window.TotalHours * 999.5, window.TotalHours * 1000));
            }

            return Task.FromResult(counts);
        }

        public Task<IReadOnlyList<EventBucket>> SeriesAsync(SloDefinition slo, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<EventBucket>>([]);
    }
}
