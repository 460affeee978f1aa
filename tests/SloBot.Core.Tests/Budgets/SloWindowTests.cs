using SloBot.Core.Budgets;

using Xunit;

namespace SloBot.Core.Tests.Budgets;

public sealed class SloWindowTests
{
    [Theory]
    [InlineData("30d", 30 * 86400)]
    [InlineData("5m", 300)]
    [InlineData("1h30m", 5400)]
    [InlineData("4w", 28 * 86400)]
    [InlineData("90s", 90)]
    public void TryParse_PrometheusDurations(string text, long seconds)
    {
        Assert.True(SloWindow.TryParse(text, out var window));
        Assert.Equal(TimeSpan.FromSeconds(seconds), window);
    }

    [Theory]
    [InlineData("")]
    [InlineData("30")]
    [InlineData("d")]
    [InlineData("3x")]
    [InlineData("0m")]
    [InlineData("99999999999999999999999d")]
    [InlineData("99999999d")]
    [InlineData("29300y")]
    [InlineData("20000y20000y")]
    public void TryParse_Garbage_False(string text) => Assert.False(SloWindow.TryParse(text, out _));

    [Theory]
    [InlineData(30 * 86400, "30d")]
    [InlineData(28 * 86400, "28d")]
    [InlineData(3600, "1h")]
    [InlineData(5400, "1h30m")]
    [InlineData(86400 + 3600, "1d1h")]
    public void Format_ShortestExactSpelling(long seconds, string expected)
    {
        var formatted = SloWindow.Format(TimeSpan.FromSeconds(seconds));
        Assert.Equal(expected, formatted);
        Assert.True(SloWindow.TryParse(formatted, out var back));
        Assert.Equal(TimeSpan.FromSeconds(seconds), back);
    }
}
