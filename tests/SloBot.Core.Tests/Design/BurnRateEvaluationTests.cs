using SloBot.Core.Catalog;
using SloBot.Core.Design;
using SloBot.Core.Sli;
using Xunit;

namespace SloBot.Core.Tests.Design;

public sealed class BurnRateEvaluationTests
{
    private static readonly SloDefinition Slo = new("payment", "availability", 0.999, TimeSpan.FromDays(30), SliQuery.EmbeddedOnly);

    [Theory]
    [InlineData(15, 15, "page")]      // both windows above 14.4
    [InlineData(15, 10, "ticket")]    // 5 m below 14.4: not a page, but 6 h / 30 m above 6 (set below)
    [InlineData(14.4, 20, "ticket")]  // strictly above: exactly 14.4 over 1 h is not a page
    public void MostUrgentRule_WithBothWindowsAbove_Fires(double oneHour, double fiveMinutes, string expected)
    {
        var counts = Counts((TimeSpan.FromHours(1), oneHour), (TimeSpan.FromMinutes(5), fiveMinutes), (TimeSpan.FromHours(6), 7), (TimeSpan.FromMinutes(30), 7));

        Assert.Equal(expected, BurnRateEvaluation.Evaluate(Slo, counts).Severity);
    }

    [Fact]
    public void SlowBurnUnderEveryFactor_IsOk_AndRatesAreReported()
    {
        var counts = Counts((TimeSpan.FromDays(3), 0.9), (TimeSpan.FromHours(6), 0.9));

        var evaluation = BurnRateEvaluation.Evaluate(Slo, counts);

        Assert.Equal("ok", evaluation.Severity);
        var slow = evaluation.Rules.Single(r => r.Rule.LongWindow == TimeSpan.FromDays(3));
        Assert.Equal((0.9, 0.9), (Math.Round(slow.LongRate, 9), Math.Round(slow.ShortRate, 9)));
        Assert.Equal([TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(6), TimeSpan.FromDays(1), TimeSpan.FromDays(3)], BurnRateEvaluation.Windows([Slo]));
    }

    /// <summary>Counts whose error ratio is <c>rate</c> × the allowed 0.1 % over each window.</summary>
    private static SliCounts Counts(params (TimeSpan Window, double Rate)[] windows)
    {
        var counts = new SliCounts();
        foreach (var (window, rate) in windows)
            counts.Set(Slo.Id, window, new EventCounts(1_000_000 - (rate * 1_000), 1_000_000));
        return counts;
    }
}
