using System.Globalization;

namespace SloBot.Benchmarks.Storm;

/// <summary>The options of <c>storm</c>, with the figures as defaults (issue 16 item 3).</summary>
internal sealed record StormOptions(
    int Commands,
    int Kills,
    int Sockets,
    TimeSpan Interval,
    double Share,
    int RetryAfterSeconds,
    TimeSpan PrometheusDelay,
    int SlowCommands,
    bool Mentions,
    bool LoadBalancerRetries)
{
    public static StormOptions Parse(string[] args)
    {
        string? Option(string name) => args.FirstOrDefault(a => a.StartsWith(name + "=", StringComparison.Ordinal))?[(name.Length + 1)..];
        double Number(string name, double fallback) => Option(name) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new StormOptions(
            (int)Number("--commands", 1000),
            (int)Number("--kills", 50),
            (int)Number("--sockets", 1),
            TimeSpan.FromSeconds(1 / Number("--rate", 50)),
            Number("--share", 0.2),
            (int)Number("--retry-after", 1),
            TimeSpan.FromSeconds(Number("--prom-delay", 10)),
            (int)Number("--slow-commands", 20),
            args.Contains("--mentions"),
            !args.Contains("--no-lb-retry"));
    }
}
