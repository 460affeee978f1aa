using System.Text.Json;
using Xunit;

namespace SloBot.Tests.Cli;

/// <summary>Issue 12 item 13: the product summary's decisions are a fixed object of counts, whatever was decided.</summary>
public sealed class SummaryJsonTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task ProductSummary_DecisionsHaveEveryActionAsACount()
    {
        var (empty, before, _) = await _cli.RunAsync("ask", "/slo summary product", "--demo", "--json");
        Assert.Equal(0, empty);
        AssertDecisions(before, approve: 0, review: 0);

        var (approved, _, _) = await _cli.RunAsync("ask", "/slo release search v2.3.0 lines=80", "--demo", "--json");
        var (review, _, _) = await _cli.RunAsync("ask", "/slo release payment v1.5.0 lines=1200 db-migration coverage=72", "--demo", "--json");
        var (_, after, _) = await _cli.RunAsync("ask", "/slo summary product", "--demo", "--json");

        AssertDecisions(after, approve: approved == 0 ? 1 : 0, review: review == 3 ? 1 : 0, releases: 2);
    }

    private static void AssertDecisions(string json, int approve, int review, int releases = 0)
    {
        using var doc = JsonDocument.Parse(json);
        var decisions = doc.RootElement.GetProperty("decisions");
        Assert.Equal(["approve", "review", "defer", "block"], decisions.EnumerateObject().Select(p => p.Name));
        Assert.Equal(approve, decisions.GetProperty("approve").GetInt32());
        Assert.Equal(review, decisions.GetProperty("review").GetInt32());
        Assert.Equal(releases, decisions.EnumerateObject().Sum(p => p.Value.GetInt32()));
        Assert.Equal(approve, doc.RootElement.GetProperty("approved").GetInt32());
    }
}
