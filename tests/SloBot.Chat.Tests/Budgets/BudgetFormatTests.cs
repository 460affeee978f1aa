using SloBot.Chat.Budgets;
using Xunit;

namespace SloBot.Chat.Tests.Budgets;

/// <summary>Issue 12 item 10: durations a person reads keep their two largest units, the second even when zero.</summary>
public sealed class BudgetFormatTests
{
    [Theory]
    [InlineData(3 * 3600 + 58 * 60 + 10, "3 hours 58 minutes")]
    [InlineData(7 * 3600 + 12 * 60, "7 hours 12 minutes")]
    [InlineData(22 * 3600 + 11, "22 hours 0 minutes")]
    [InlineData(22 * 3600 + 59 * 60 + 40, "23 hours 0 minutes")] // rounded into the second unit, carried into the first
    [InlineData(3.8, "4 seconds")]
    [InlineData(0.2, "0 seconds")]
    [InlineData(59.6, "1 minute 0 seconds")]
    [InlineData(12 * 60 + 5, "12 minutes 5 seconds")]
    [InlineData(43 * 60 + 12, "43 minutes 12 seconds")]
    [InlineData(86400 + 3600, "1 day 1 hour")]
    [InlineData(30 * 86400, "30 days 0 hours")]
    [InlineData(23 * 3600 + 59 * 60 + 40, "1 day 0 hours")]
    [InlineData(-(5 * 60), "5 minutes 0 seconds")] // a negative span reads as its size ("overspent by …")
    public void TwoUnits_KeepsTwoAdjacentUnits(double seconds, string expected) =>
        Assert.Equal(expected, BudgetFormat.TwoUnits(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData(30 * 86400, "30 days")]
    [InlineData(3600, "1 hour")]
    [InlineData(5 * 60, "5 minutes")]
    [InlineData(30, "30 seconds")]
    [InlineData(36 * 3600, "1 day 12 hours")] // not a whole number of days: two units, never cut to "1 day"
    [InlineData(90 * 60, "1 hour 30 minutes")]
    public void Length_WholeUnitsReadAsOne_OtherwiseTwoUnits(double seconds, string expected) =>
        Assert.Equal(expected, BudgetFormat.Length(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData(250, "250 milliseconds")]
    [InlineData(1500, "1.5 seconds")]
    [InlineData(3800, "3.8 seconds")]
    [InlineData(1000, "1 second")]
    public void Latency_ReadsInOneUnit(double milliseconds, string expected) =>
        Assert.Equal(expected, BudgetFormat.Latency(milliseconds));
}
