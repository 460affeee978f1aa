using System.Globalization;
using System.Text.RegularExpressions;

namespace SloBot.Benchmarks;

/// <summary>
/// SloBot's own view of its acknowledgements, read from its <c>/metrics</c> (<c>slobot_ack_duration_seconds</c>, from an
/// event's arrival in SloBot to its ack leaving it): with the harness's figure (sent → ack received), it tells SloBot's part
/// from the sockets', the emulator's and the shared CPUs'. Cumulative since the process started (warm-up included).
/// </summary>
internal static partial class BotAckMetrics
{
    public static async Task<string> DescribeAsync(int port)
    {
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var text = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"));
            var buckets = new SortedDictionary<double, double>();
            foreach (Match m in Bucket().Matches(text))
            {
                var le = m.Groups["le"].Value == "+Inf" ? double.PositiveInfinity : double.Parse(m.Groups["le"].Value, CultureInfo.InvariantCulture);
                buckets[le] = buckets.GetValueOrDefault(le) + double.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
            }

            if (buckets.Count == 0 || buckets[double.PositiveInfinity] == 0)
                return "SloBot's /metrics has no acknowledgements";
            var total = buckets[double.PositiveInfinity];
            var p99Bound = buckets.First(b => b.Value >= total * 0.99).Key;
            var collections = RuntimeSample().Matches(text).Where(m => m.Groups["name"].Value == "dotnet_gc_collections_total").Sum(m => double.Parse(m.Groups["v"].Value, CultureInfo.InvariantCulture));
            var paused = RuntimeSample().Matches(text).Where(m => m.Groups["name"].Value == "dotnet_gc_pause_time_seconds_total").Sum(m => double.Parse(m.Groups["v"].Value, CultureInfo.InvariantCulture));
            return $"SloBot's own ack time (arrival → ack sent, all {total:0} incl. warm-up): " +
                string.Join(", ", buckets.Where(b => b.Key is >= 0.005 and <= 0.05).Select(b => $"{b.Value / total:P1} ≤ {b.Key * 1000:0} ms")) +
                $"; p99 ≤ {p99Bound * 1000:0.#} ms; {collections:0} garbage collections since start, {paused * 1000:0} ms paused";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return $"SloBot's /metrics could not be read ({ex.Message})";
        }
    }

    /// <summary>SloBot's garbage collections so far (all generations), or null when its /metrics cannot be read.</summary>
    public static async Task<double?> CollectionsAsync(int port)
    {
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var text = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"));
            return RuntimeSample().Matches(text).Where(m => m.Groups["name"].Value == "dotnet_gc_collections_total").Sum(m => double.Parse(m.Groups["v"].Value, CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    [GeneratedRegex("""^(?<name>dotnet_gc_[a-z_]+)(\{[^}]*\})? (?<v>[0-9.e+]+)""", RegexOptions.Multiline)]
    private static partial Regex RuntimeSample();

    [GeneratedRegex("""^slobot_ack_duration_seconds_bucket\{[^}]*le="(?<le>[^"]+)"[^}]*\} (?<n>[0-9.e+]+)""", RegexOptions.Multiline)]
    private static partial Regex Bucket();
}
