using SloBot.IntegrationTests.Prometheus;
using Xunit;

namespace SloBot.IntegrationTests.Planning;

/// <summary>
/// A real Prometheus backfilled with two quarters of steady traffic in five-minute steps, Europe/Paris quarters: from the
/// start of Q3 2026 (30 June 22:00 UTC) to <see cref="Now"/>, 20 December 2026 12:00 UTC, inside Q4 2026.
/// </summary>
public sealed class PlanningFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2026, 12, 20, 12, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Q3Start = new(2026, 6, 30, 22, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Q4Start = new(2026, 9, 30, 22, 0, 0, TimeSpan.Zero);

    /// <summary>The six-hour ledger incident at 20 % errors: 10 November 06:00–12:00 UTC.</summary>
    public static readonly DateTimeOffset IncidentStart = new(2026, 11, 10, 6, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// ledger (target 99 %): 0.02 % errors and the incident in Q4 → achieved ≈ 99.92 %, tighten. search (99.9 %): 0.15 %
    /// errors in Q3, 0.25 % in Q4 → 99.75 %, relax to 99.8 % with a 0.05-point gap, declining. cart (99.5 %): 0.3 % → keep, steady.
    /// </summary>
    public SyntheticTraffic Traffic { get; } = new SyntheticTraffic(Now, Now - Q3Start, TimeSpan.FromMinutes(5))
        .AddSteadyService("ledger", 1000, 0.0002m, (Now - IncidentStart, TimeSpan.FromHours(6), 0.2m))
        .AddSteadyService("search", 1000, 0.0015m, (Now - Q4Start, Now - Q4Start, 0.0025m))
        .AddSteadyService("cart", 1000, 0.003m);

    public PrometheusServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await PrometheusServer.StartAsync(Traffic.WriteOpenMetrics);

    public async Task DisposeAsync()
    {
        if (Server is not null)
            await Server.DisposeAsync();
    }

    /// <summary>An OpenSLO document per service: counters (increase() is exact when the window's edges sit on samples), rolling 30 days.</summary>
    public static string Catalog => string.Join("---\n", new[] { ("ledger", "0.99"), ("search", "0.999"), ("cart", "0.995") }.Select(s => """
        apiVersion: openslo/v1
        kind: SLO
        metadata: {name: availability}
        spec:
          service: SERVICE
          budgetingMethod: Occurrences
          timeWindow: [{duration: 30d, isRolling: true}]
          indicator:
            metadata: {name: SERVICE-availability}
            spec:
              ratioMetric:
                counter: true
                good: {metricSource: {type: Prometheus, spec: {query: 'sum(http_requests_total{service="SERVICE",code!~"5.."})'}}}
                total: {metricSource: {type: Prometheus, spec: {query: 'sum(http_requests_total{service="SERVICE"})'}}}
          objectives: [{target: TARGET}]

        """.Replace("SERVICE", s.Item1, StringComparison.Ordinal).Replace("TARGET", s.Item2, StringComparison.Ordinal)));
}
