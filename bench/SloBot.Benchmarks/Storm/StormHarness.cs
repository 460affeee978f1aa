using System.Globalization;

namespace SloBot.Benchmarks.Storm;

/// <summary>
/// <c>storm [all|slack-kill|discord-kill|slack-429|discord-429|replicas|discord-replicas|discord-http-replicas|slow-prom …] [--commands=1000] [--kills=50]
/// [--sockets=1] [--mentions] [--rate=50] [--share=0.2] [--retry-after=1] [--prom-delay=10] [--slow-commands=20] [--no-lb-retry]</c>: fault storms
/// (issue 16 item 3) against the published SloBot (<c>slobot.dll --demo</c>, each in its own process, SIGKILLed where a
/// scenario says so) and the tests' Slack and Discord emulators. Each scenario reports commands sent, answered once,
/// answered twice (must be 0), lost (must be 0) and the latency from a command sent to its answer seen. Commands are
/// <c>/slo budget payment</c> (<c>--mentions</c>: <c>@SloBot budget payment</c> in slack-kill and slack-429, answered with chat.postMessage), sent at <c>--rate</c> per second. Figures: docs/reliability.md, "Fault storms, measured".
/// Exit code 1 when any scenario lost or doubled an answer.
/// </summary>
internal static class StormHarness
{
    private static readonly string[] Order = ["slack-kill", "discord-kill", "slack-429", "discord-429", "replicas", "discord-replicas", "discord-http-replicas", "slow-prom"];

    public static async Task<int> RunAsync(string[] args)
    {
        var options = StormOptions.Parse(args);
        var chosen = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        var scenarios = chosen.Length == 0 || chosen.Contains("all") ? Order : chosen;
        if (scenarios.Except(Order).ToArray() is { Length: > 0 } unknown)
            throw new ArgumentException($"Unknown scenario(s) {string.Join(", ", unknown)}; expected all or {string.Join(", ", Order)}.");
        var results = new List<StormResult>();
        Console.WriteLine($"storm {string.Join(' ', args)} — {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC, load {Machine.LoadAverage()}");
        Console.WriteLine(StormResult.Header);
        foreach (var scenario in scenarios)
        {
            var dir = Directory.CreateTempSubdirectory($"slobot-storm-{scenario}-");
            var failed = false;
            try
            {
                IReadOnlyList<StormResult> rows = scenario switch
                {
                    "slack-kill" => [await SlackStorms.SocketKillsAsync(options, dir.FullName)],
                    "discord-kill" => [await DiscordStorms.GatewayKillsAsync(options, dir.FullName)],
                    "slack-429" => [await SlackStorms.RateLimitsAsync(options, dir.FullName)],
                    "discord-429" => [await DiscordStorms.RateLimitsAsync(options, dir.FullName)],
                    "replicas" => [await SlackStorms.ReplicaKillAsync(options, dir.FullName)],
                    "discord-replicas" => [await DiscordStorms.ReplicaKillAsync(options, dir.FullName)],
                    "discord-http-replicas" => [await DiscordStorms.HttpReplicaKillAsync(options, dir.FullName)],
                    _ => await SlowPrometheus.RunAsync(options, dir.FullName),
                };
                foreach (var row in rows)
                {
                    Console.WriteLine(row.Row() + $" load after: {Machine.LoadAverage()}");
                    failed |= !row.Clean;
                }

                results.AddRange(rows);
            }
            catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or HttpRequestException)
            {
                failed = true;
                Console.WriteLine($"| {scenario} | failed: {ex.Message.ReplaceLineEndings(" ")} |");
            }
            finally
            {
                if (failed)
                    Console.WriteLine($"  (logs kept in {dir.FullName})");
                else
                    TryDelete(dir);
            }
        }

        return results.All(r => r.Clean) && results.Count > 0 ? 0 : 1;
    }

    private static void TryDelete(DirectoryInfo dir)
    {
        try
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            dir.Delete(recursive: true);
        }
        catch (IOException)
        {
            // a file still held: the temp folder is cleaned later
        }
    }
}
