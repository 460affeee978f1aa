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
        Assert.Equal(1.0, budget.Remaining!.Value + budget.Consumed!.Value, 12);
        Assert.Equal((double)bad.Get / (good.Get + bad.Get) / (1 - target), budget.Consumed!.Value, 9);
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
    public void Evaluate_UsesEveryWindowAndTheLowerOfOneAndSixHourRatesForProjection()
    {
        var slo = Slo(0.999);
        var counts = new SliCounts();
        counts.Set(slo.Id, slo.Window, new EventCounts(999_500, 1_000_000)); // half the budget spent
        counts.Set(slo.Id, SloWindow.OneHour, new EventCounts(9_960, 10_000)); // 4×
        counts.Set(slo.Id, SloWindow.SixHours, new EventCounts(59_880, 60_000)); // 2×
        var budget = BudgetMath.Evaluate(slo, counts, Now);
        Assert.Equal(0.5, budget.Remaining!.Value, 9);
        Assert.Equal(BudgetStatus.Healthy, budget.Status);
        Assert.Equal(4.0, budget.BurnRateOver(SloWindow.OneHour), 9);
        Assert.Equal(2.0, budget.BurnRateOver(SloWindow.SixHours), 9);
        Assert.Equal(0.0, budget.BurnRateOver(SloWindow.ThreeDays));
        Assert.Equal(TimeSpan.FromMinutes(21.6), budget.RemainingTime);
        var at = Now + TimeSpan.FromDays(30 * 0.5 / 2); // at 2×, the lower of 4× and 2×; to the hour
        Assert.Equal(new DateTimeOffset(at.Year, at.Month, at.Day, at.Hour, 0, 0, TimeSpan.Zero), budget.ProjectedExhaustion);
    }

    [Fact]
    public void Evaluate_NoEvents_NoDataAndEveryBudgetFigureNull()
    {
        var slo = Slo(0.99);
        var budget = BudgetMath.Evaluate(slo, new SliCounts(), Now);
        Assert.Equal(BudgetStatus.NoData, budget.Status);
        Assert.Equal("nodata", budget.Status.ToWord());
        Assert.Equal(BudgetTrend.NoData, budget.Trend());
        Assert.Null(budget.Sli);
        Assert.Null(budget.Remaining);
        Assert.Null(budget.Consumed);
        Assert.Null(budget.RemainingTime);
        Assert.Null(budget.ProjectedExhaustion);
    }

    [Theory]
    [InlineData(999, 1000, 0.999, BudgetStatus.Exhausted)] // spent exactly: bad = (1 − target) × total
    [InlineData(998, 1000, 0.999, BudgetStatus.Exhausted)] // overspent
    [InlineData(9_999_990, 10_000_000, 0.999999, BudgetStatus.Exhausted)]
    [InlineData(99_950, 100_000, 0.999, BudgetStatus.Healthy)] // exactly half left: healthy (≥ 50 %)
    [InlineData(99_920, 100_000, 0.999, BudgetStatus.Attention)] // exactly 20 % left
    [InlineData(99_910, 100_000, 0.999, BudgetStatus.Warning)] // exactly 10 % left
    [InlineData(99_901, 100_000, 0.999, BudgetStatus.Critical)]
    [InlineData(0, 0, 0.999, BudgetStatus.NoData)]
    public void Classify_OnTheCounts_ExactBands(double good, double total, double target, BudgetStatus expected)
    {
        Assert.Equal(expected, BudgetStatusBands.Classify(new EventCounts(good, total), target));
        var budget = Budget(Slo(target), new EventCounts(good, total));
        Assert.Equal(expected, budget.Status);
        if (expected == BudgetStatus.Exhausted)
            Assert.Null(budget.ProjectedExhaustion);
    }

    [Theory]
    [InlineData(0.29, 0.29)] // below 1×: a rolling window never runs out
    [InlineData(0.99, 5.0)] // the lower of 1 h and 6 h decides
    [InlineData(1.2, 1.2)] // 1.2× with half left: 12.5 days, within the window
    public void Evaluate_Projection_FollowsTheCurrentBurnAndTheWindow(double burn1h, double burn6h)
    {
        var slo = Slo(0.999);
        var counts = new SliCounts();
        counts.Set(slo.Id, slo.Window, new EventCounts(999_500, 1_000_000));
        counts.Set(slo.Id, SloWindow.OneHour, new EventCounts(100_000 - (burn1h * 100), 100_000));
        counts.Set(slo.Id, SloWindow.SixHours, new EventCounts(100_000 - (burn6h * 100), 100_000));
        var budget = BudgetMath.Evaluate(slo, counts, Now);
        var burn = Math.Min(burn1h, burn6h);
        Assert.Equal(burn, budget.CurrentBurn, 9);
        if (burn < 1)
            Assert.Null(budget.ProjectedExhaustion);
        else
            Assert.InRange(budget.ProjectedExhaustion!.Value, Now + TimeSpan.FromDays(15 / burn) - TimeSpan.FromHours(1), Now + TimeSpan.FromDays(15 / burn));
        // a minute later, no new errors: the same date
        Assert.Equal(budget.ProjectedExhaustion, BudgetMath.Evaluate(slo, counts, Now + TimeSpan.FromSeconds(61)).ProjectedExhaustion);
    }

    [Theory]
    [InlineData(double.NaN, 10)]
    [InlineData(5, double.PositiveInfinity)]
    [InlineData(5, -1)]
    [InlineData(-1, 10)]
    [InlineData(11, 10)]
    public void Impossibility_ImpossibleCounts_Named(double good, double total) =>
        Assert.NotNull(BudgetMath.Impossibility(new EventCounts(good, total)));

    [Fact]
    public void Impossibility_PossibleCounts_Null()
    {
        Assert.Null(BudgetMath.Impossibility(new EventCounts(10, 10)));
        Assert.Null(BudgetMath.Impossibility(new EventCounts(0, 0)));
    }

    private static SloDefinition Slo(double target) => new("payment", "availability", target, TimeSpan.FromDays(30), SliQuery.EmbeddedOnly);

    private static ErrorBudget Budget(SloDefinition slo, EventCounts period)
    {
        var counts = new SliCounts();
        counts.Set(slo.Id, slo.Window, period);
        return BudgetMath.Evaluate(slo, counts, Now);
    }
}
