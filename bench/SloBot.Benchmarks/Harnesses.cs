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
        ["storm"] = Storm.StormHarness.RunAsync,
    };

    /// <summary>What <c>-- help</c> prints: each harness in a line (details in each harness's doc comment and docs/).</summary>
    public const string Help = """
        SloBot benchmarks: dotnet run -c Release --project bench/SloBot.Benchmarks -- <harness> [options]
          host-startup   time to ready of the published host
          prom           /slo budget and /slo status against a real Prometheus (docs/prometheus.md)
          slack-load     a burst of slash commands over Socket Mode against the Slack emulator (docs/slack.md)
          discord-load   a burst of interactions over the Gateway or HTTP against the Discord emulator (docs/discord.md)
          storm          fault storms against the published slobot and the emulators: Socket Mode and Gateway kills,
                         429 storms, SIGKILL of one of two replicas on PostgreSQL, Prometheus slowed to 10 s
                         (storm [all|slack-kill|discord-kill|slack-429|discord-429|replicas|discord-replicas|slow-prom] [--commands=1000]
                         [--kills=50] [--sockets=1] [--mentions] [--rate=50] [--share=0.2] [--retry-after=1] [--prom-delay=10];
                         docs/reliability.md, "Fault storms, measured")
        Anything else goes to BenchmarkDotNet (-- --filter '*Embedded*').
        """;
}
