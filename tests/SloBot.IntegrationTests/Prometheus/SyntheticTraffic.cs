using System.Globalization;

namespace SloBot.IntegrationTests.Prometheus;

/// <summary>
/// Per-minute request counters for a few services over a span of days, with incidents, as OpenMetrics text:
/// <c>http_requests_total{service, code="200"|"500"}</c>, one sample a minute. Keeps the exact per-minute counts
/// so tests can compare Prometheus and SloBot against the truth. Deterministic (seeded).
/// </summary>
public sealed class SyntheticTraffic
{
    private readonly Dictionary<string, (long[] Good, long[] Bad)> _services = new(StringComparer.Ordinal);

    /// <summary>The first sample written of a service that is newer than the span (none before it: a scrape target that appeared).</summary>
    private readonly Dictionary<string, int> _firstPoint = new(StringComparer.Ordinal);

    public SyntheticTraffic(DateTimeOffset end, TimeSpan span, TimeSpan step)
    {
        End = end;
        Step = step;
        Points = (int)(span / step) + 1;
        Start = end - (step * (Points - 1));
    }

    public DateTimeOffset Start { get; }

    public DateTimeOffset End { get; }

    public TimeSpan Step { get; }

    /// <summary>Number of samples per series, the first at <see cref="Start"/> (counter 0), the last at <see cref="End"/>.</summary>
    public int Points { get; }

    public IReadOnlyCollection<string> Services => _services.Keys;

    /// <summary>
    /// Adds a service with about <paramref name="requestsPerStep"/> requests a step (daily wave and noise), an error ratio
    /// of <paramref name="baseErrorRatio"/>, and <paramref name="incidents"/> (how long ago each starts, how long, error ratio).
    /// </summary>
    public SyntheticTraffic AddService(string service, double requestsPerStep, double baseErrorRatio, params (TimeSpan Ago, TimeSpan Length, double ErrorRatio)[] incidents)
    {
        var random = new Random(service.Aggregate(17, (h, c) => (h * 31) + c));
        var good = new long[Points];
        var bad = new long[Points];
        for (var i = 1; i < Points; i++)
        {
            var at = Start + (Step * i);
            var wave = 1 + (0.4 * Math.Sin(2 * Math.PI * (at - Start).TotalDays));
            var total = (long)Math.Round(requestsPerStep * wave * (0.9 + (0.2 * random.NextDouble())));
            var ratio = baseErrorRatio;
            foreach (var (ago, length, errorRatio) in incidents)
            {
                var from = End - ago;
                if (at > from && at <= from + length)
                    ratio = errorRatio;
            }

            var errors = (long)Math.Floor((total * ratio) + random.NextDouble());
            errors = Math.Min(errors, total);
            good[i] = good[i - 1] + (total - errors);
            bad[i] = bad[i - 1] + errors;
        }

        _services[service] = (good, bad);
        return this;
    }

    /// <summary>
    /// Adds a service with exactly <paramref name="requestsPerStep"/> requests every step and errors at exactly
    /// <paramref name="errorRatio"/> (or an incident's ratio): the errors up to a step are ⌊requests so far × ratio⌋, no
    /// noise, so a history's bad events per hour are known in advance.
    /// </summary>
    public SyntheticTraffic AddSteadyService(string service, long requestsPerStep, decimal errorRatio, params (TimeSpan Ago, TimeSpan Length, decimal ErrorRatio)[] incidents)
    {
        var good = new long[Points];
        var bad = new long[Points];
        var owed = 0m;
        for (var i = 1; i < Points; i++)
        {
            var at = Start + (Step * i);
            var ratio = errorRatio;
            foreach (var (ago, length, incidentRatio) in incidents)
            {
                if (at > End - ago && at <= End - ago + length)
                    ratio = incidentRatio;
            }

            owed += requestsPerStep * ratio;
            var errors = (long)decimal.Floor(owed);
            owed -= errors;
            good[i] = good[i - 1] + (requestsPerStep - errors);
            bad[i] = bad[i - 1] + errors;
        }

        _services[service] = (good, bad);
        return this;
    }

    /// <summary>
    /// Adds a service that appeared <paramref name="age"/> before <see cref="End"/>: exactly <paramref name="requestsPerStep"/>
    /// requests a step without errors from then on, and no samples at all before (its counters start at 0 there).
    /// </summary>
    public SyntheticTraffic AddNewService(string service, long requestsPerStep, TimeSpan age)
    {
        var first = Points - 1 - (int)(age / Step);
        var good = new long[Points];
        for (var i = first + 1; i < Points; i++)
            good[i] = good[i - 1] + requestsPerStep;
        _services[service] = (good, new long[Points]);
        _firstPoint[service] = first;
        return this;
    }

    /// <summary>When the first sample of <paramref name="service"/> was taken (<see cref="Start"/> unless it was added new).</summary>
    public DateTimeOffset FirstSample(string service) => Start + (Step * _firstPoint.GetValueOrDefault(service));

    /// <summary>The exact good and total events in (end − window, end] — what increase() over samples on both edges gives.</summary>
    public (double Good, double Total) Count(string service, DateTimeOffset end, TimeSpan window)
    {
        var (good, bad) = _services[service];
        var last = (int)((end - Start) / Step);
        var first = (int)((end - window - Start) / Step);
        var g = good[last] - good[first];
        return (g, g + bad[last] - bad[first]);
    }

    public void WriteOpenMetrics(TextWriter writer)
    {
        writer.Write("# HELP http_requests Requests served.\n# TYPE http_requests counter\n");
        foreach (var (service, (good, bad)) in _services)
        {
            var first = _firstPoint.GetValueOrDefault(service);
            Series(writer, service, "200", good, first);
            Series(writer, service, "500", bad, first);
        }

        writer.Write("# EOF\n");
    }

    private void Series(TextWriter writer, string service, string code, long[] values, int first)
    {
        var prefix = $"http_requests_total{{service=\"{service}\",code=\"{code}\"}} ";
        var start = Start.ToUnixTimeSeconds();
        var step = (long)Step.TotalSeconds;
        for (var i = first; i < values.Length; i++)
        {
            writer.Write(prefix);
            writer.Write(values[i].ToString(CultureInfo.InvariantCulture));
            writer.Write(' ');
            writer.Write((start + (i * step)).ToString(CultureInfo.InvariantCulture));
            writer.Write('\n');
        }
    }
}
