namespace SloBot.Benchmarks;

/// <summary>Load and measurement harnesses that are not BenchmarkDotNet classes, by name. Add yours here.</summary>
internal static class Harnesses
{
    public static readonly Dictionary<string, Func<string[], Task<int>>> All = new(StringComparer.OrdinalIgnoreCase)
    {
        ["host-startup"] = HostStartupHarness.RunAsync,
        ["prom"] = Prometheus.PrometheusHarness.RunAsync,
        ["slack-load"] = SlackLoad.SlackLoadHarness.RunAsync,
        ["slack-load-bot"] = SlackLoad.SlackLoadHarness.RunBotAsync, // the SloBot side of slack-load, started by it
        ["discord-load"] = DiscordLoad.DiscordLoadHarness.RunAsync,
        ["storm"] = Storm.StormHarness.RunAsync, // fault storms: kills, 429s, SIGKILL of a replica, a slow Prometheus (issue 16 item 3)
    };
}
