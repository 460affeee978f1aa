using Xunit;

namespace SloBot.IntegrationTests.Prometheus;

/// <summary>
/// The shared Prometheus of the integration tests: 32 days of per-minute traffic for payment and checkout with
/// incidents (one 10 days ago, recent ones inside the burn-rate windows), ending at <see cref="End"/>.
/// </summary>
public sealed class PrometheusFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset End = new(2026, 1, 15, 0, 0, 0, TimeSpan.Zero);

    public SyntheticTraffic Traffic { get; } = new SyntheticTraffic(End, TimeSpan.FromDays(32), TimeSpan.FromMinutes(1))
        .AddService("payment", 1000, 0.0002,
            (TimeSpan.FromDays(10), TimeSpan.FromMinutes(90), 0.10),
            (TimeSpan.FromHours(2), TimeSpan.FromMinutes(30), 0.02))
        .AddService("checkout", 600, 0.001,
            (TimeSpan.FromDays(3), TimeSpan.FromHours(4), 0.01),
            (TimeSpan.FromHours(5), TimeSpan.FromHours(1), 0.03));

    public PrometheusServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await PrometheusServer.StartAsync(Traffic.WriteOpenMetrics);

    public async Task DisposeAsync()
    {
        if (Server is not null)
            await Server.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PrometheusCollection : ICollectionFixture<PrometheusFixture>
{
    public const string Name = "Prometheus";
}
