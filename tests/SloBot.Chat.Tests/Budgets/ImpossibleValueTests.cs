using Microsoft.Extensions.Time.Testing;
using SloBot.Chat.Budgets;
using SloBot.Core.Budgets;
using SloBot.Core.Catalog;
using Xunit;
using SloBot.Testing;

namespace SloBot.Chat.Tests.Budgets;

/// <summary>
/// Issue 12 item 2 with issue 11's "one bad SLO never breaks the rest": an impossible value from the source fails
/// that SLO alone (named, with the window and the value); the other SLOs of the same batch are counted as usual.
/// </summary>
public sealed class ImpossibleValueTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static SloDefinition Slo(string service) =>
        new(service, "availability", 0.999, TimeSpan.FromDays(30), new SliQuery(SliQueryKind.Counter, "sum(good)", null, "sum(total)"));

    [Theory]
    [InlineData(double.NaN, 1000, "good = NaN")]
    [InlineData(1000, double.PositiveInfinity, "total = Infinity")]
    [InlineData(1000, -1, "a negative total (-1)")]
    [InlineData(1001, 1000, "more good events than total (1001 > 1000)")]
    public async Task ImpossibleCounts_FailThatSloOnly(double good, double total, string value)
    {
        var (bad, fine) = (Slo("payment"), Slo("checkout"));
        var source = new TestSliSource();
        foreach (var window in new[] { TimeSpan.FromDays(30), TimeSpan.FromHours(1), TimeSpan.FromHours(6), TimeSpan.FromDays(1), TimeSpan.FromDays(3) })
            source.With(fine.Id, window, 999_990, 1_000_000).With(bad.Id, window, 999_990, 1_000_000);
        source.With(bad.Id, TimeSpan.FromHours(6), good, total);

        var budgets = await new BudgetQuery(source, new FakeTimeProvider(Now)).EvaluateAsync([bad, fine], CancellationToken.None);

        var failed = budgets.Single(b => b.Slo == bad);
        Assert.Equal(BudgetStatus.NoData, failed.Status);
        Assert.Null(failed.Sli);
        Assert.False(failed.PageBurnActive);
        Assert.Equal($"The SLI source gave an impossible value for payment/availability over 6h: {value}. Check its SLI queries; SloBot shows no budget from such counts.", failed.SourceError);
        var counted = budgets.Single(b => b.Slo == fine);
        Assert.Null(counted.SourceError);
        Assert.Equal(BudgetStatus.Healthy, counted.Status);
        Assert.Equal(0.99999, counted.Sli!.Value, 12);
    }
}
