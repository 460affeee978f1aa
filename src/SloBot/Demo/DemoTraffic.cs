using SloBot.Core.Catalog;
using SloBot.Sli.Embedded;

namespace SloBot.Demo;

/// <summary>
/// Realistic per-minute demo traffic: a daily cycle, noise, a low background error rate and incidents placed
/// relative to an anchor, the start of the day ("9 days before"). Deterministic for a given anchor, so regenerating a minute gives the same counts.
/// </summary>
internal sealed class DemoTraffic(DateTimeOffset anchor)
{
    private sealed record Profile(double PerMinute, double BaseErrorRatio, Incident[] Incidents);

    /// <summary>An incident <see cref="Ago"/> before the anchor, lasting <see cref="Duration"/>, with this error ratio.</summary>
    private sealed record Incident(TimeSpan Ago, TimeSpan Duration, double ErrorRatio);

    private static readonly Dictionary<string, Profile> Profiles = new(StringComparer.Ordinal)
    {
        ["payment/availability"] = new(600, 0.0003, [new(TimeSpan.FromDays(9) + TimeSpan.FromHours(3), TimeSpan.FromMinutes(135), 0.08), new(TimeSpan.FromHours(8), TimeSpan.FromDays(2), 0.003)]),
        ["payment/latency"] = new(600, 0.004, [new(TimeSpan.FromDays(9) + TimeSpan.FromHours(3), TimeSpan.FromMinutes(135), 0.2)]),
        ["checkout/availability"] = new(900, 0.0002, [new(TimeSpan.FromDays(20), TimeSpan.FromMinutes(25), 0.05)]),
        ["search/availability"] = new(2000, 0.001, [new(TimeSpan.FromDays(3) + TimeSpan.FromHours(5), TimeSpan.FromMinutes(40), 0.3)]),
        ["search/latency"] = new(2000, 0.003, [new(TimeSpan.FromDays(12), TimeSpan.FromHours(2), 0.1)]),
        ["notifications/delivery"] = new(300, 0.006, [new(TimeSpan.FromDays(2), TimeSpan.FromHours(6), 0.4), new(TimeSpan.FromHours(3), TimeSpan.FromDays(2), 0.05)]),
        ["inventory/availability"] = new(400, 0.002, [new(TimeSpan.FromDays(5), TimeSpan.FromHours(10), 0.35)]),
    };

    public IEnumerable<MinuteCounts> Minutes(SloId slo, DateTimeOffset from, DateTimeOffset to)
    {
        if (!Profiles.TryGetValue(slo.ToString(), out var profile))
            yield break;
        var start = from.ToUnixTimeSeconds() / 60 * 60;
        for (var t = start; t < to.ToUnixTimeSeconds(); t += 60)
        {
            var minute = DateTimeOffset.FromUnixTimeSeconds(t);
            var hourOfDay = minute.UtcDateTime.Hour + (minute.UtcDateTime.Minute / 60.0);
            var daily = 1 + (0.45 * Math.Sin(2 * Math.PI * (hourOfDay - 8) / 24));
            var total = Math.Round(profile.PerMinute * daily * (0.9 + (0.2 * Noise(slo, t, 1))));
            var ratio = profile.BaseErrorRatio * (0.5 + Noise(slo, t, 2));
            foreach (var incident in profile.Incidents)
            {
                var begin = anchor - incident.Ago;
                if (minute >= begin && minute < begin + incident.Duration)
                    ratio = Math.Max(ratio, incident.ErrorRatio * (0.8 + (0.4 * Noise(slo, t, 3))));
            }

            var bad = Math.Floor((total * ratio) + Noise(slo, t, 4));
            yield return new MinuteCounts(slo, minute, total - Math.Min(bad, total), total);
        }
    }

    /// <summary>A deterministic number in [0, 1) for this SLO, minute and purpose (SplitMix64).</summary>
    private static double Noise(SloId slo, long t, int salt)
    {
        var x = unchecked((ulong)t * 0x9E3779B97F4A7C15UL) ^ (ulong)StableHash(slo.ToString()) ^ ((ulong)salt << 56);
        x = unchecked((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL);
        x = unchecked((x ^ (x >> 27)) * 0x94D049BB133111EBUL);
        x ^= x >> 31;
        return (x >> 11) * (1.0 / (1UL << 53));
    }

    private static int StableHash(string s)
    {
        unchecked
        {
            var h = 17;
            foreach (var c in s)
                h = (h * 31) + c;
            return h;
        }
    }
}
