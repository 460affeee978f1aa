using System.Globalization;

namespace SloBot.Core.Budgets;

/// <summary>Prometheus/OpenSLO style durations: "5m", "1h", "30d", "4w", "1h30m".</summary>
public static class SloWindow
{
    public static readonly TimeSpan OneHour = TimeSpan.FromHours(1);
    public static readonly TimeSpan SixHours = TimeSpan.FromHours(6);
    public static readonly TimeSpan OneDay = TimeSpan.FromDays(1);
    public static readonly TimeSpan ThreeDays = TimeSpan.FromDays(3);

    /// <summary>The burn-rate windows every budget reply shows (seed 004 burn-rate analysis, plus 1d).</summary>
    public static IReadOnlyList<TimeSpan> BurnRateWindows { get; } = [OneHour, SixHours, OneDay, ThreeDays];

    public static bool TryParse(string? text, out TimeSpan window)
    {
        window = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var s = text.Trim();
        var total = TimeSpan.Zero;
        var i = 0;
        while (i < s.Length)
        {
            var start = i;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
                i++;
            if (start == i || i == s.Length)
                return false;
            if (!long.TryParse(s.AsSpan(start, i - start), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                return false; // more digits than any duration has
            var unit = s[i..].StartsWith("ms", StringComparison.Ordinal) ? "ms" : s[i].ToString();
            i += unit.Length;
            long? ticks = unit switch
            {
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                "h" => TimeSpan.TicksPerHour,
                "d" => TimeSpan.TicksPerDay,
                "w" => 7 * TimeSpan.TicksPerDay,
                "y" => 365 * TimeSpan.TicksPerDay,
                _ => null,
            };
            if (ticks is not { } size || n > (TimeSpan.MaxValue.Ticks - total.Ticks) / size)
                return false; // an unknown unit, or longer than a TimeSpan holds (about 29,000 years)
            total += TimeSpan.FromTicks(n * size);
        }

        window = total;
        return total > TimeSpan.Zero;
    }

    /// <summary>The shortest exact Prometheus spelling: 30d, 6h, 90m, 1h30m.</summary>
    public static string Format(TimeSpan window)
    {
        if (window <= TimeSpan.Zero)
            return "0s";
        if (window.Ticks % TimeSpan.TicksPerSecond != 0)
            return $"{(long)window.TotalMilliseconds}ms";
        var seconds = (long)window.TotalSeconds;
        var parts = new List<string>();
        foreach (var (unit, size) in new[] { ("d", 86400L), ("h", 3600L), ("m", 60L), ("s", 1L) })
        {
            if (seconds >= size)
            {
                parts.Add($"{seconds / size}{unit}");
                seconds %= size;
            }
        }

        return string.Concat(parts);
    }
}
