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
        Assert.Contains("SloBot:Teams:payments:CapacityHour is not a team setting — did you mean 'CapacityHours'?", typoErr, StringComparison.Ordinal);
        Assert.Contains("SloBot:Teams:search:Size '0' must be a whole number of engineers from 1", typoErr, StringComparison.Ordinal);
    }
}
