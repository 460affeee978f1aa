using SloBot.Core.Catalog;
using SloBot.Core.Sli;
using SloBot.Testing;

namespace SloBot.Discord.Tests;

/// <summary>Two services; payment/availability targets 99.9 % over 30 days.</summary>
internal static class TestCatalog
{
    /// <summary>1,000 events an hour of which 0.05 % are bad, in every window: half of a 99.9 % budget consumed.</summary>
    public static TestSliSource Steady() => TestSliSource.Steady(1000, 0.0005);

    public static InMemorySloCatalog Instance { get; } = new(
    [
        new ServiceDefinition("payment", [new SloDefinition("payment", "availability", 0.999, TimeSpan.FromDays(30), SliQuery.EmbeddedOnly)]),
        new ServiceDefinition("checkout", [new SloDefinition("checkout", "latency", 0.99, TimeSpan.FromDays(30), SliQuery.EmbeddedOnly)]),
    ]);
}

