using SloBot.Core.Planning;
using Xunit;

namespace SloBot.Core.Tests.Planning;

public sealed class QuarterTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private static readonly TimeZoneInfo Auckland = TimeZoneInfo.FindSystemTimeZoneById("Pacific/Auckland");

    [Theory]
    [InlineData("2026-12-06T04:00:00Z", "UTC", "2027-Q1")]
    [InlineData("2026-12-31T23:30:00Z", "UTC", "2027-Q1")]
    [InlineData("2026-12-31T23:30:00Z", "Europe/Paris", "2027-Q2")] // already 1 January in Paris
    [InlineData("2026-03-31T12:00:00Z", "Pacific/Auckland", "2026-Q3")] // 1 April in Auckland
    [InlineData("2026-09-30T21:59:59Z", "Europe/Paris", "2026-Q4")]
    [InlineData("2026-09-30T22:00:00Z", "Europe/Paris", "2027-Q1")]
    public void NextAfter_InTheZone_IsTheFollowingCalendarQuarter(string now, string zone, string expected) =>
        Assert.Equal(expected, Quarter.NextAfter(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), TimeZoneInfo.FindSystemTimeZoneById(zone)).ToString());

    [Fact]
    public void StartAndEnd_InParis_AreLocalMidnightsAcrossTheDstChange()
    {
        var q = new Quarter(2027, 1);

        Assert.Equal(DateTimeOffset.Parse("2026-12-31T23:00:00Z", System.Globalization.CultureInfo.InvariantCulture), q.Start(Paris));
        Assert.Equal(DateTimeOffset.Parse("2027-03-31T22:00:00Z", System.Globalization.CultureInfo.InvariantCulture), q.End(Paris));
        Assert.Equal(TimeSpan.FromDays(90) - TimeSpan.FromHours(1), q.Length(Paris)); // 31 + 28 + 31 days, one hour lost to summer time
        Assert.Equal(TimeSpan.FromDays(92), new Quarter(2027, 3).Length(TimeZoneInfo.Utc));
        Assert.Equal(TimeSpan.FromDays(91), new Quarter(2028, 1).Length(TimeZoneInfo.Utc)); // leap year
    }

    [Fact]
    public void Start_AMidnightSkippedByDst_MovesForward()
    {
        // A zone whose clocks jump from 00:00 to 01:00 on 1 April (as Chile's and others' have at midnight).
        var rule = TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(
            new DateTime(2000, 1, 1), new DateTime(2099, 12, 31), TimeSpan.FromHours(1),
            TimeZoneInfo.TransitionTime.CreateFixedDateRule(new DateTime(1, 1, 1, 0, 0, 0), 4, 1),
            TimeZoneInfo.TransitionTime.CreateFixedDateRule(new DateTime(1, 1, 1, 0, 0, 0), 10, 1));
        var zone = TimeZoneInfo.CreateCustomTimeZone("Test/Midnight", TimeSpan.Zero, "midnight", "standard", "summer", [rule]);

        var start = new Quarter(2027, 2).Start(zone);

        Assert.Equal(DateTimeOffset.Parse("2027-04-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), start.ToUniversalTime());
        Assert.Equal(new Quarter(2027, 2), Quarter.Containing(start, zone));
        Assert.Equal(new Quarter(2027, 1), Quarter.Containing(start.AddTicks(-1), zone));
    }

    [Theory]
    [InlineData("2027-Q1", 2027, 1)]
    [InlineData("2027Q2", 2027, 2)]
    [InlineData("q3-2027", 2027, 3)]
    [InlineData("Q4 2026", 2026, 4)]
    [InlineData("Q4/2026", 2026, 4)]
    [InlineData("Q4", 2026, 4)] // not over yet on 6 December 2026
    [InlineData("Q1", 2027, 1)] // Q1 2026 is over
    public void TryParse_TheWaysPeopleWriteIt_ReadsTheQuarter(string text, int year, int number)
    {
        Assert.True(Quarter.TryParse(text, DateTimeOffset.Parse("2026-12-06T04:00:00Z", System.Globalization.CultureInfo.InvariantCulture), TimeZoneInfo.Utc, out var q));
        Assert.Equal(new Quarter(year, number), q);
    }

    [Theory]
    [InlineData("2027-Q5")]
    [InlineData("Q0")]
    [InlineData("1999-Q1")]
    [InlineData("3000-Q1")]
    [InlineData("next")]
    [InlineData("")]
    [InlineData("2027-01")]
    public void TryParse_NotAQuarter_IsFalse(string text) =>
        Assert.False(Quarter.TryParse(text, DateTimeOffset.UnixEpoch, TimeZoneInfo.Utc, out _));

    [Fact]
    public void PreviousAndNext_CrossTheYear()
    {
        Assert.Equal(new Quarter(2026, 4), new Quarter(2027, 1).Previous);
        Assert.Equal(new Quarter(2028, 1), new Quarter(2027, 4).Next);
        Assert.True(new Quarter(2026, 4) < new Quarter(2027, 1));
        Assert.Equal("Q1 2027", new Quarter(2027, 1).Label);
        Assert.Equal(new Quarter(2027, 1), Quarter.Containing(new Quarter(2027, 1).Start(Auckland), Auckland));
    }
}
