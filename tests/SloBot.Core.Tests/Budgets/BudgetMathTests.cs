using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SloBot.Core.Budgets;
using SloBot.Core.Catalog;
using SloBot.Core.Sli;

using Xunit;

namespace SloBot.Core.Tests.Budgets;

public sealed class BudgetMathTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Property]
    public void Remaining_IsOneMinusConsumed(PositiveInt good, PositiveInt bad, NormalFloat targetSeed)
    {
        var target = 0.9 + (Math.Abs(targetSeed.Get) % 0.0999);
        var slo = Slo(target);
        var budget = Budget(slo, new EventCounts(good.Get, good.Get + bad.Get));
        Assert.Equal(1.0, budget.Remaining + budget.Consumed, 12);
        Assert.Equal((double)bad.Get / (good.Get + bad.Get) / (1 - target), budget.Consumed, 9);
    }

    [Property]
    public void BurnRateOne_ExhaustsTheWholeBudgetExactlyAtTheWindowsEnd(PositiveInt days)
    {
        var window = TimeSpan.FromDays(days.Get % 90 + 1);
        var projected = BudgetMath.ProjectExhaustion(remaining: 1, burnRate: 1, window, Now);
        Assert.Equal(Now + window, projected);
    }

    [Fact]
    public void BurnRate_ErrorRatioEqualToTheBudget_IsOne()
    {
        var counts = new EventCounts(999_000, 1_000_000);
        Assert.Equal(1.0, BudgetMath.BurnRate(counts, 0.999), 9);
        Assert.Equal(1000.0, BudgetMath.BurnRate(new EventCounts(0, 10), 0.999), 6); // full outage burns at 1 ÷ (1 − SLO)
    }

    [Theory]
    [InlineData(1.0, BudgetStatus.Healthy)]
    [InlineData(0.5, BudgetStatus.Healthy)]
    [InlineData(0.4999999, BudgetStatus.Attention)]
    [InlineData(0.2, BudgetStatus.Attention)]
    [InlineData(0.1999999, BudgetStatus.Warning)]
    [InlineData(0.1, BudgetStatus.Warning)]
    [InlineData(0.0999999, BudgetStatus.Critical)]
    [InlineData(0.0000001, BudgetStatus.Critical)]
    [InlineData(0.0, BudgetStatus.Exhausted)]
    [InlineData(-0.4, BudgetStatus.Exhausted)]
    public void Classify_BandBoundaries(double remaining, BudgetStatus expected) =>
        Assert.Equal(expected, BudgetStatusBands.Classify(remaining));

    [Fact]
    public void ProjectExhaustion_RemainingOverBurnRate_LinearExtrapolation()
    {
        // 50 % left of a 30-day budget burning at 2× lasts 7.5 days.
        var at = BudgetMath.ProjectExhaustion(0.5, 2, TimeSpan.FromDays(30), Now);
        Assert.Equal(Now + TimeSpan.FromDays(7.5), at);
        Assert.Null(BudgetMath.ProjectExhaustion(0.5, 0, TimeSpan.FromDays(30), Now));
        Assert.Null(BudgetMath.ProjectExhaustion(-0.1, 3, TimeSpan.FromDays(30), Now));
    }

    [Fact]
    public void Evaluate_UsesEveryWindowAndTheOneHourRateForProjection()
    {
        var slo = Slo(0.999);
        var counts = new SliCounts();
        counts.Set(slo.Id, slo.Window, new EventCounts(999_500, 1_000_000)); // half the budget spent
        counts.Set(slo.Id, SloWindow.OneHour, new EventCounts(9_960, 10_000)); // 4×
        counts.Set(slo.Id, SloWindow.SixHours, new EventCounts(59_880, 60_000)); // 2×
        var budget = BudgetMath.Evaluate(slo, counts, Now);
        Assert.Equal(0.5, budget.Remaining, 9);
        Assert.Equal(BudgetStatus.Healthy, budget.Status);
        Assert.Equal(4.0, budget.BurnRateOver(SloWindow.OneHour), 9);
        Assert.Equal(2.0, budget.BurnRateOver(SloWindow.SixHours), 9);
        Assert.Equal(0.0, budget.BurnRateOver(SloWindow.ThreeDays));
        Assert.Equal(TimeSpan.FromMinutes(21.6), budget.RemainingTime);
        Assert.Equal(Now + TimeSpan.FromDays(30 * 0.5 / 4), budget.ProjectedExhaustion!.Value, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public void Evaluate_NoEvents_FullBudgetAndNoSli()
    {
        var slo = Slo(0.99);
        var budget = BudgetMath.Evaluate(slo, new SliCounts(), Now);
        Assert.Null(budget.Sli);
        Assert.Equal(1.0, budget.Remaining);
        Assert.Null(budget.ProjectedExhaustion);
    }

    private static SloDefinition Slo(double target) => new("payment", "availability", target, TimeSpan.FromDays(30), SliQuery.EmbeddedOnly);

    private static ErrorBudget Budget(SloDefinition slo, EventCounts period)
    {
        var counts = new SliCounts();
        counts.Set(slo.Id, slo.Window, period);
        return BudgetMath.Evaluate(slo, counts, Now);
    }
}
