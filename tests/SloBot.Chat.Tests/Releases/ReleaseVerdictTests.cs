using SloBot.Chat.Releases;
using SloBot.Chat.Replies;
using Xunit;
using SloBot.Testing;

namespace SloBot.Chat.Tests.Releases;

/// <summary>Issue 12: release decisions never fail open (no data, impossible values, a budget spent exactly, what-ifs, active burns).</summary>
public sealed class ReleaseVerdictTests
{
    [Fact]
    public async Task Release_NoData_ReviewWithTheRiskFactorAndConditionAndRecorded()
    {
        using var host = new ReleaseTestHost();
        host.Traffic.TotalPerHour = 0;

        var reply = await host.AskAsync("/slo release payment v1 lines=500 critical-path");

        Assert.Equal(ReleaseExitCodes.Review, reply!.ExitCode);
        var data = Assert.IsType<ReleaseDecisionData>(reply.Data);
        Assert.Equal(("review", "nodata"), (data.Action, data.BudgetStatus));
        Assert.Null(data.BudgetRemaining);
        Assert.Contains("check_sli_queries", data.Conditions);
        var factor = Assert.Single(data.RiskFactors, f => f.Factor == "no_sli_data");
        Assert.Equal("no SLI data for availability over 30d", factor.Text);
        Assert.StartsWith("no SLI data for availability over 30d and a ", data.Rationale, StringComparison.Ordinal);
        Assert.True(data.Recorded);
        var stored = Assert.Single(await host.Log.ListAsync(null, null, CancellationToken.None));
        Assert.Equal((Core.Releases.ReleaseAction.Review, Core.Budgets.BudgetStatus.NoData), (stored.Action, stored.Budget.Status));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(-5)] // more good than total
    public async Task Release_ImpossibleValue_SourceFailureNamingTheSlo_NothingRecorded(double bad)
    {
        using var host = new ReleaseTestHost();
        host.Traffic.Bad = (_, _) => bad;

        var reply = await host.AskAsync("/slo release payment v1 lines=50");

        Assert.Equal(ExitCodes.SourceFailed, reply!.ExitCode);
        Assert.Contains("payment/availability", reply.PlainText(), StringComparison.Ordinal);
        Assert.Empty(await host.Log.ListAsync(null, null, CancellationToken.None));
    }

    [Fact]
    public async Task Release_BudgetSpentExactly_ExhaustedAndBlocked()
    {
        using var host = new ReleaseTestHost();
        var incident = ReleaseTestHost.Monday - TimeSpan.FromDays(3);
        host.Traffic.Bad = (_, end) => end == incident ? 720 : 0; // 720 of 720,000 at 99.9 %: the whole budget

        var reply = await host.AskAsync("/slo release payment v1 lines=50");

        var data = Assert.IsType<ReleaseDecisionData>(reply!.Data);
        Assert.Equal(("block", "exhausted"), (data.Action, data.BudgetStatus));
        Assert.Equal(ReleaseExitCodes.Block, reply.ExitCode);
    }

    [Fact]
    public async Task Release_DryRun_SameVerdictNothingRecorded()
    {
        using var host = new ReleaseTestHost();

        var reply = await host.AskAsync("/slo release payment v1 lines=50 dry-run");

        var data = Assert.IsType<ReleaseDecisionData>(reply!.Data);
        Assert.Equal(("approve", false), (data.Action, data.Recorded));
        Assert.Empty(await host.Log.ListAsync(null, null, CancellationToken.None));
        Assert.DoesNotContain(reply.Buttons, b => b.ActionId == ReleaseReply.OverrideAction || b.ActionId == ReleaseReply.ReviewAction);
    }
}
