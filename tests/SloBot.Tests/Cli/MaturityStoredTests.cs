using System.Text.Json;
using Xunit;

namespace SloBot.Tests.Cli;

/// <summary>
/// Issue 15 item 4 on real storage: <c>/slo maturity</c>'s measured criteria read the release decisions SloBot recorded in
/// its SQLite state database (by earlier, separate runs) and the posts and alerts its configuration turns on.
/// </summary>
public sealed class MaturityStoredTests : IDisposable
{
    private const string AllNo = "roadmap=no governance=no stakeholders=no culture=no managed=no predictive=no slas=no";
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Maturity_MeasuresDecisionsRecordedByEarlierRuns_AndTheConfiguredAutomation()
    {
        var (before, beforeOut, beforeErr) = await _cli.RunAsync("ask", $"/slo maturity {AllNo}", "--demo", "--json");
        Assert.True(before == 0, beforeErr);
        Assert.Equal(0, Measured(beforeOut).GetProperty("releaseDecisions").GetInt32());

        foreach (var release in new[] { "/slo release search v2.3.0 lines=80", "/slo release payment v1.5.0 lines=1200 db-migration coverage=72" })
        {
            var (code, _, err) = await _cli.RunAsync("ask", release, "--demo", "--json");
            Assert.True(code is 0 or 3 or 4 or 5, $"{release}: exit {code} {err}"); // a decision of any kind is recorded
        }

        var (after, afterOut, afterErr) = await _cli.RunAsync(
            "ask", $"/slo maturity {AllNo}", "--demo", "--json",
            "--SloBot:Schedule:Engineering:Channel=slack:C0ENG", "--SloBot:Alerts:Channel=slack:C0ALERTS");

        Assert.True(after == 0, afterErr);
        var measured = Measured(afterOut);
        Assert.Equal(2, measured.GetProperty("releaseDecisions").GetInt32()); // read back from state.db by a new process
        Assert.Equal(1, measured.GetProperty("monthsWithReleaseDecisions").GetInt32());
        Assert.Equal(1, measured.GetProperty("scheduledPosts").GetInt32());
        Assert.True(measured.GetProperty("burnRateAlerts").GetBoolean());
        Assert.Equal(0, measured.GetProperty("publishedReviews").GetInt32());
    }

    private static JsonElement Measured(string json) => JsonDocument.Parse(json).RootElement.GetProperty("measured");
}
