using System.Text.Json;
using Xunit;

namespace SloBot.Tests.Cli;

/// <summary>Issue 15 items 2 and 3 through the script interface: <c>slobot ask "/slo balance …" --json</c> and <c>"/slo toil …"</c>.</summary>
public sealed class TeamAskTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Ask_BalanceJson_SplitsTheCapacityAndCountsTheDemoSlos()
    {
        var (code, stdout, stderr) = await _cli.RunAsync("ask", "/slo balance capacity=400", "--demo", "--json");

        Assert.True(code == 0, stderr);
        var json = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(100, json.GetProperty("featurePercent").GetInt32() + json.GetProperty("reliabilityPercent").GetInt32());
        Assert.Equal(400, json.GetProperty("featureHours").GetDouble() + json.GetProperty("reliabilityHours").GetDouble(), 9);
        Assert.True(json.GetProperty("slos").GetArrayLength() > 0, "the demo's SLOs have data");
        Assert.Contains(json.GetProperty("band").GetString(), new[] { "exceedingSignificantly", "meetingComfortably", "justMeeting", "missingSome", "missingSignificantly" });
    }

    [Fact]
    public async Task Ask_BalanceBadCapacity_ExitTwoWithTheMessageAsJson()
    {
        var (code, stdout, _) = await _cli.RunAsync("ask", "/slo balance capacity=0", "--demo", "--json");

        Assert.Equal(2, code);
        Assert.Contains("`capacity=0` is not usable", JsonDocument.Parse(stdout).RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_BadTeamSetting_StopsNamingTheKey()
    {
        var (code, _, stderr) = await _cli.RunAsync("ask", "/slo balance", "--demo", "--SloBot:Teams:payments:CapacityHours=many");

        Assert.Equal(2, code);
        Assert.Contains("SloBot:Teams:payments:CapacityHours=many is not", stderr, StringComparison.Ordinal);
        var (typo, _, typoErr) = await _cli.RunAsync("ask", "/slo balance", "--demo", "--SloBot:Teams:payments:CapacityHour=400", "--SloBot:Teams:search:Size=0");
        Assert.Equal(2, typo);
        Assert.Contains("SloBot:Teams:payments:CapacityHour is not a team setting — did you mean `CapacityHours`?", typoErr, StringComparison.Ordinal);
        Assert.Contains("SloBot:Teams:search:Size '0' must be a whole number of engineers from 1", typoErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_ToilAddListRemove_KeepsTheTasksInTheStateDatabase()
    {
        var (added, addOut, addErr) = await _cli.RunAsync("ask", "/slo toil add \"rotate certificates\" weekly=2 hours=1.5 error-prone complexity=3", "--demo", "--json");
        await _cli.RunAsync("ask", "/slo toil add \"restart stuck workers\" weekly=10 hours=0.25 complexity=1", "--demo", "--json");
        var (listed, listOut, _) = await _cli.RunAsync("ask", "/slo toil list team-size=4", "--demo", "--json");
        var (removed, _, _) = await _cli.RunAsync("ask", "/slo toil remove 2", "--demo", "--json");
        var (_, afterOut, _) = await _cli.RunAsync("ask", "/slo toil list", "--demo", "--json");
        var (bad, badOut, _) = await _cli.RunAsync("ask", "/slo toil add backups weekly=often hours=1", "--demo", "--json");

        Assert.True(added == 0, addErr);
        var task = JsonDocument.Parse(addOut).RootElement;
        Assert.Equal((1, 41.5, 3.0), (task.GetProperty("id").GetInt32(), task.GetProperty("automationScore").GetDouble(), task.GetProperty("hoursPerWeek").GetDouble()));
        Assert.Equal(24 / 13.0, task.GetProperty("roiMonths").GetDouble(), 12); // 3 complexity × 8 h ÷ (3 h × 52 ÷ 12)
        Assert.Equal(0, listed);
        var list = JsonDocument.Parse(listOut).RootElement;
        Assert.Equal(["restart stuck workers", "rotate certificates"], list.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        Assert.Equal(4, list.GetProperty("teamSize").GetInt32());
        Assert.Contains(list.GetProperty("toilPercent").GetInt32(), new[] { 30, 40, 50, 60 });
        Assert.Equal(160, list.GetProperty("toilHoursPerWeek").GetDouble() + list.GetProperty("automationHoursPerWeek").GetDouble(), 9);
        Assert.Equal(0, removed);
        Assert.Equal("rotate certificates", JsonDocument.Parse(afterOut).RootElement.GetProperty("tasks").EnumerateArray().Single().GetProperty("name").GetString());
        Assert.Equal(2, bad);
        Assert.Contains("`weekly=often`: expected a number", JsonDocument.Parse(badOut).RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }
}
