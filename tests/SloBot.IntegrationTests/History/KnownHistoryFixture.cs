using SloBot.Core.Catalog;
using SloBot.IntegrationTests.Prometheus;
using Xunit;

namespace SloBot.IntegrationTests.History;

/// <summary>
/// A real Prometheus holding histories whose recovery dates are known in advance (flat 1,000 requests a minute,
/// errors without noise), ending at <see cref="End"/>:
/// <list type="bullet">
/// <item>billing: a steady burn at 0.95× of a 99.9 % budget for the whole 32 days (57 bad events every hour; 5 % left);</item>
/// <item>orders: 0.2× in the background and a full outage on 12 January 10:00–10:30 UTC (30,000 bad events).</item>
/// </list>
/// </summary>
public sealed class KnownHistoryFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset End = new(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The outage of orders: 20 days before <see cref="End"/>, 30 minutes long.</summary>
    public static readonly DateTimeOffset OutageStart = new(2026, 1, 12, 10, 0, 0, TimeSpan.Zero);

    public static readonly SloDefinition Billing = Availability("billing");

    public static readonly SloDefinition Orders = Availability("orders");

    public SyntheticTraffic Traffic { get; } = new SyntheticTraffic(End, TimeSpan.FromDays(32), TimeSpan.FromMinutes(1))
        .AddSteadyService("billing", 1000, 0.00095m)
        .AddSteadyService("orders", 1000, 0.0002m, (End - OutageStart, TimeSpan.FromMinutes(30), 1m));

    public PrometheusServer Server { get; private set; } = null!;

    public static SloDefinition Availability(string service) => new(
        service,
        "availability",
        0.999,
        TimeSpan.FromDays(30),
        new SliQuery(SliQueryKind.Counter, $"sum(http_requests_total{{service=\"{service}\",code!~\"5..\"}})", null, $"sum(http_requests_total{{service=\"{service}\"}})"));

    public async Task InitializeAsync() => Server = await PrometheusServer.StartAsync(Traffic.WriteOpenMetrics);

    public async Task DisposeAsync()
    {
        if (Server is not null)
            await Server.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class KnownHistoryCollection : ICollectionFixture<KnownHistoryFixture>
{
    public const string Name = "Known history";
}
