using SloBot.Core.Planning;
using Xunit;

namespace SloBot.Core.Tests.Planning;

/// <summary>SloBot's definitions where the document leaves a gap: the budget impact in minutes, and the quarter-on-quarter trend.</summary>
public sealed class PlanningArithmeticTests
{
    [Fact]
    public void BudgetImpact_RelaxingA999SloOver30Days_Adds43Minutes()
    {
        var impact = BudgetImpact.Of(99.9, TargetProposals.Propose(99.9, 99.0).ProposedPercent, TimeSpan.FromDays(30));

        Assert.Equal(43200, impact.WindowMinutes);
        Assert.Equal(43.2, impact.CurrentMinutes, 9);
        Assert.Equal(86.4, impact.ProposedMinutes, 9);
        Assert.Equal(43.2, impact.ChangeMinutes, 9);
    }

    [Fact]
    public void BudgetImpact_Tightening_IsNegative()
    {
        var impact = BudgetImpact.Of(99.5, 99.6, TimeSpan.FromDays(28));

        Assert.Equal(-40.32, impact.ChangeMinutes, 9); // 0.1 % of 40,320 minutes
    }

    [Fact]
    public void BudgetImpact_Keeping_IsZero() =>
        Assert.Equal(0, BudgetImpact.Of(99.9, 99.9, TimeSpan.FromDays(30)).ChangeMinutes);

    [Theory]
    [InlineData(null, 99.9, QuarterTrend.NoEarlierData)]
    [InlineData(99.9, 99.91, QuarterTrend.Improving)]
    [InlineData(99.9, 99.9099, QuarterTrend.Steady)]
    [InlineData(99.9, 99.8901, QuarterTrend.Steady)]
    [InlineData(99.9, 99.89, QuarterTrend.Declining)]
    public void Trend_AgainstTheQuarterBefore_UsesAHundredthOfAPoint(double? before, double actual, QuarterTrend expected) =>
        Assert.Equal(expected, QuarterTrends.Of(before, actual));
}
