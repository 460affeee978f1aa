using System.Globalization;
using SloBot.IntegrationTests.Prometheus;
using Xunit;

namespace SloBot.IntegrationTests.Catalog;

/// <summary>
/// A real Prometheus with two days of per-minute samples for the catalog's harder SLOs: a classic histogram
/// <c>http_request_duration_seconds_bucket{job="search"}</c> (boundaries 0.05, 0.1, 0.25, 0.5, 1, +Inf; slower in the
/// last three hours) and request counters for services <c>alpha</c> and <c>beta</c>. The generator keeps every cumulative
/// value, so each test compares SloBot with an exact count of the samples it wrote.
/// </summary>
public sealed class CatalogPrometheusFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset End = new(2026, 1, 15, 0, 0, 0, TimeSpan.Zero);

    public static readonly string[] Boundaries = ["0.05", "0.1", "0.25", "0.5", "1", "+Inf"];

    private const int Minutes = 2 * 24 * 60;
    private const int RequestsPerMinute = 100;

    // Share of the minute's requests at or under each boundary: normal, and in the last three hours.
    private static readonly double[] Normal = [0.5, 0.7, 0.9, 0.97, 0.99, 1.0];
    private static readonly double[] Slow = [0.2, 0.3, 0.6, 0.8, 0.95, 1.0];

    private readonly long[][] _buckets = Boundaries.Select(_ => new long[Minutes + 1]).ToArray();
    private readonly Dictionary<(string Service, string Code), long[]> _requests = [];

    public CatalogPrometheusFixture()
    {
        for (var i = 1; i <= Minutes; i++)
        {
            var shares = i > Minutes - 180 ? Slow : Normal;
            var wobble = i % 7; // not the same count every minute
            for (var b = 0; b < Boundaries.Length; b++)
                _buckets[b][i] = _buckets[b][i - 1] + (long)Math.Round((RequestsPerMinute + wobble) * shares[b]);
        }

        foreach (var (service, errorsPerMinute) in new[] { ("alpha", 1), ("beta", 3) })
        {
            var ok = new long[Minutes + 1];
            var bad = new long[Minutes + 1];
            for (var i = 1; i <= Minutes; i++)
            {
                ok[i] = ok[i - 1] + 200 - errorsPerMinute + (i % 5);
                bad[i] = bad[i - 1] + errorsPerMinute + (i % 3 == 0 ? 1 : 0);
            }

            _requests[(service, "200")] = ok;
            _requests[(service, "500")] = bad;
        }
    }

    public static DateTimeOffset Start => End - TimeSpan.FromMinutes(Minutes);

    public PrometheusServer Server { get; private set; } = null!;

    /// <summary>Requests in (end − window, end] in the bucket <paramref name="le"/> (one of <see cref="Boundaries"/>).</summary>
    public double Bucket(string le, TimeSpan window) => Delta(_buckets[Array.IndexOf(Boundaries, le)], window);

    /// <summary>Requests of <paramref name="service"/> with <paramref name="code"/> in (end − window, end].</summary>
    public double Requests(string service, string code, TimeSpan window) => Delta(_requests[(service, code)], window);

    private static double Delta(long[] values, TimeSpan window) => values[Minutes] - values[Minutes - (int)window.TotalMinutes];

    public async Task InitializeAsync() => Server = await PrometheusServer.StartAsync(Write);

    public async Task DisposeAsync()
    {
        if (Server is not null)
            await Server.DisposeAsync();
    }

    private void Write(TextWriter writer)
    {
        for (var b = 0; b < Boundaries.Length; b++)
            Series(writer, $"http_request_duration_seconds_bucket{{job=\"search\",le=\"{Boundaries[b]}\"}}", _buckets[b]);
        foreach (var ((service, code), values) in _requests)
            Series(writer, $"app_requests_total{{service=\"{service}\",code=\"{code}\"}}", values);
        writer.Write("# EOF\n");
    }

    private static void Series(TextWriter writer, string series, long[] values)
    {
        var start = Start.ToUnixTimeSeconds();
        for (var i = 0; i <= Minutes; i++)
            writer.Write($"{series} {values[i].ToString(CultureInfo.InvariantCulture)} {(start + (i * 60)).ToString(CultureInfo.InvariantCulture)}\n");
    }
}

[CollectionDefinition(Name)]
public sealed class CatalogPrometheusCollection : ICollectionFixture<CatalogPrometheusFixture>
{
    public const string Name = "CatalogPrometheus";
}
