using SloBot.Core.Catalog;
using SloBot.Core.Planning;
using Xunit;

namespace SloBot.Core.Tests.Planning;

public sealed class TargetOverlayTests
{
    private static readonly DateTimeOffset Q1 = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly ServiceDefinition[] Catalog =
    [
        new("payment", [new SloDefinition("payment", "availability", 0.999, TimeSpan.FromDays(30), SliQuery.EmbeddedOnly), new SloDefinition("payment", "latency", 0.99, TimeSpan.FromDays(30), SliQuery.EmbeddedOnly)]),
        new("search", [new SloDefinition("search", "availability", 0.99, TimeSpan.FromDays(30), SliQuery.EmbeddedOnly)]),
    ];

    [Fact]
    public void Apply_BeforeTheQuarterStarts_ChangesNothing() =>
        Assert.Same(Catalog, TargetOverlay.Apply(Catalog, [new TargetOverride(new SloId("payment", "availability"), 0.9995, Q1, "2027-Q1")], Q1.AddTicks(-1)));

    [Fact]
    public void Apply_TheLatestQuarterInForce_Wins_OnlyForItsSlo()
    {
        TargetOverride[] overrides =
        [
            new(new SloId("payment", "availability"), 0.9995, Q1.AddMonths(-3), "2026-Q4"),
            new(new SloId("payment", "availability"), 0.998, Q1, "2027-Q1"),
            new(new SloId("payment", "availability"), 0.9, Q1.AddMonths(3), "2027-Q2"),
            new(new SloId("gone", "availability"), 0.9, Q1, "2027-Q1"),
        ];

        var services = TargetOverlay.Apply(Catalog, overrides, Q1.AddDays(1));

        Assert.Equal([0.998, 0.99], services[0].Slos.Select(s => s.Target));
        Assert.Same(Catalog[1], services[1]);
        Assert.Equal(0.999, Catalog[0].Slos[0].Target); // the catalog itself is untouched
    }
}
