using Xunit;
using SloBot.Tests.Cli;

namespace SloBot.Tests.Hostile;

/// <summary>Issue 13 item 5: numbers too large for their type are bad input (exit 2, the allowed range), not an internal error.</summary>
public sealed class OutOfRangeNumbersTests : IDisposable
{
    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("/slo releases since=99999999d", "`since=99999999d`: expected a duration from 1ms to 100 years (`36500d`)")]
    [InlineData("/slo releases since=99999999999999999999999d", "expected a duration from 1ms to 100 years")]
    [InlineData("/slo releases since=200y", "expected a duration from 1ms to 100 years")]
    [InlineData("/slo journey ecommerce checkout step.1.latency=1e308", "`step.1.latency=1e308`: expected the p95 latency in milliseconds, above 0 and at most 86,400,000 (one day)")]
    [InlineData("/slo journey ecommerce checkout step.1.latency=Infinity", "above 0 and at most 86,400,000 (one day)")]
    [InlineData("/slo journey ecommerce checkout step.2.latency=1e20s", "above 0 and at most 86,400,000 (one day)")]
    public async Task Ask_NumberOutOfRange_ExitTwoWithTheAllowedRange(string command, string message)
    {
        var (code, stdout, stderr) = await _cli.RunAsync("ask", command, "--demo");

        Assert.Equal(2, code);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("went wrong", stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_SinceWithinRange_StillAnswers()
    {
        var (code, stdout, stderr) = await _cli.RunAsync("ask", "/slo releases since=36500d", "--demo");

        Assert.True(code == 0, stderr);
        Assert.Contains("release decisions", stdout, StringComparison.Ordinal);
    }
}
