using SloBot.Core.Budgets;
using SloBot.Core.Releases;
using Xunit;

namespace SloBot.Core.Tests.Releases;

public sealed class RiskReductionTests
{
    [Fact]
    public void Suggest_HighRiskOnAttention_FewestChangesToABetterAction()
    {
        // score 6 (lines 2, migration 2, coverage 2) → defer; one change makes it medium → review.
        var plan = RiskReduction.Suggest(new ReleaseInfo(1200, HasDbMigration: true, TestCoverage: 72), BudgetStatus.Attention);

        Assert.NotNull(plan);
        Assert.Single(plan.Changes);
        Assert.Equal((RiskLevel.Medium, ReleaseAction.Review), (plan.Risk.Level, plan.Decision.Action));
    }

    [Fact]
    public void Suggest_ExhaustedBudget_NothingHelps()
    {
        Assert.Null(RiskReduction.Suggest(new ReleaseInfo(5000, true, true, true, 10), BudgetStatus.Exhausted));
    }

    [Fact]
    public void Suggest_LowRiskAlready_NothingToReduce()
    {
        Assert.Null(RiskReduction.Suggest(new ReleaseInfo(50), BudgetStatus.Critical));
    }

    [Fact]
    public void Suggest_EveryCombination_ThePlanReallyImprovesTheAction()
    {
        foreach (var status in Enum.GetValues<BudgetStatus>().Where(s => s.HasData()))
        {
            foreach (var lines in new[] { 0, 150, 1500 })
            {
                for (var mask = 0; mask < 16; mask++)
                {
                    var info = new ReleaseInfo(lines, (mask & 1) != 0, (mask & 2) != 0, (mask & 4) != 0, (mask & 8) != 0 ? 50 : 100);
                    var now = DecisionMatrix.Decide(status, ReleaseRisk.Assess(info).Level).Action;
                    if (RiskReduction.Suggest(info, status) is { } plan)
                        Assert.True(plan.Decision.Action < now, $"{info} on {status}: {plan.Decision.Action} is not better than {now}");
                    else
                        Assert.Equal(now, DecisionMatrix.Decide(status, RiskLevel.Low).Action); // only when even low risk would not help
                }
            }
        }
    }
}
