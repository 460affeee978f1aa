using SloBot.Core.Catalog;
using Xunit;

namespace SloBot.Core.Tests.Catalog;

public sealed class LatencyBoundariesTests
{
    private static SloDefinition Slo(double threshold) => new("search", "latency", 0.99, TimeSpan.FromDays(30),
        new SliQuery(SliQueryKind.Counter, "g", null, "t") { Latency = new LatencyThreshold("h_bucket{job=\"a\"}", threshold, "lte") }, SourceFile: "search.yaml")
    {
        SourceLine = 7,
    };

    private static readonly IReadOnlyList<double> Bounds = LatencyBoundaries.Parse(["1e+00", "0.25", "+Inf", "0.5", "0.1", "not a number"]);

    [Fact]
    public void Parse_ReadsEverySpellingAndSorts() => Assert.Equal([0.1, 0.25, 0.5, 1, double.PositiveInfinity], Bounds);

    [Theory]
    [InlineData(0.25)]
    [InlineData(1.0)]
    [InlineData(1.000000000001)] // 1 up to floating-point noise
    public void Problem_ThresholdOnABoundary_IsNone(double threshold) => Assert.Null(LatencyBoundaries.Problem(Slo(threshold), Bounds));

    [Theory]
    [InlineData(0.3, "the nearest boundaries are 0.25 and 0.5", "set the objective's value to 0.25 or 0.5")]
    [InlineData(2, "it is above the largest boundary, 1 (only +Inf is above it)", "set the objective's value to 1,")]
    [InlineData(0.05, "it is below the smallest boundary, 0.1", "set the objective's value to 0.1,")]
    public void Problem_ThresholdBetweenBoundaries_NamesTheNearestAndWhere(double threshold, string nearest, string advice)
    {
        var problem = LatencyBoundaries.Problem(Slo(threshold), Bounds)!;

        Assert.StartsWith($"search/latency (search.yaml:7): the latency threshold {threshold.ToString(System.Globalization.CultureInfo.InvariantCulture)} is not a bucket boundary of h_bucket{{job=\"a\"}}", problem, StringComparison.Ordinal);
        Assert.Contains(nearest, problem, StringComparison.Ordinal);
        Assert.Contains(advice, problem, StringComparison.Ordinal);
        Assert.Contains("never interpolates", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_NoBoundariesKnown_IsNone() => Assert.Null(LatencyBoundaries.Problem(Slo(0.3), []));
}
