using System.Globalization;

namespace SloBot.Benchmarks.Storm;

/// <summary>
/// One scenario's figures: commands sent, answered once, answered twice or more (must be 0), lost (must be 0), and
/// the latency from a command sent to its first answer seen by the emulator (p50/p99/max over the answered ones).
/// </summary>
internal sealed record StormResult(string Scenario, int Sent, int Once, int Twice, int Lost, double P50Ms, double P99Ms, double MaxMs, string Notes)
{
    /// <param name="sent">Command id → when it was sent.</param>
    /// <param name="answers">Every answer seen: the command it answers and when.</param>
    public static StormResult From(string scenario, IReadOnlyDictionary<string, DateTimeOffset> sent, IEnumerable<(string Id, DateTimeOffset At)> answers, string notes)
    {
        var byCommand = answers.Where(a => sent.ContainsKey(a.Id)).GroupBy(a => a.Id).ToDictionary(g => g.Key, g => g.Select(a => a.At).ToArray());
        var latencies = byCommand.Select(kv => (kv.Value.Min() - sent[kv.Key]).TotalMilliseconds).Order().ToArray();
        return new StormResult(
            scenario,
            sent.Count,
            byCommand.Count(kv => kv.Value.Length == 1),
            byCommand.Count(kv => kv.Value.Length > 1),
            sent.Count - byCommand.Count,
            Percentile(latencies, 0.50),
            Percentile(latencies, 0.99),
            latencies.Length == 0 ? double.NaN : latencies[^1],
            notes);
    }

    public bool Clean => Twice == 0 && Lost == 0;

    public static string Header => "| scenario | sent | answered once | answered twice | lost | p50 (ms) | p99 (ms) | max (ms) | notes |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |";

    public string Row() => string.Create(CultureInfo.InvariantCulture, $"| {Scenario} | {Sent:N0} | {Once:N0} | {Twice} | {Lost} | {P50Ms:0} | {P99Ms:0} | {MaxMs:0} | {Notes} |");

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
