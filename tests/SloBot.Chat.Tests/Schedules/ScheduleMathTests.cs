using Cronos;
using SloBot.Chat.Schedules;
using Xunit;

namespace SloBot.Chat.Tests.Schedules;

public sealed class ScheduleMathTests
{
    private static readonly CronExpression Monday9 = CronExpression.Parse("0 9 * * MON");
    private static readonly CronExpression Weekdays9 = CronExpression.Parse("0 9 * * MON-FRI");
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly TimeSpan Grace = TimeSpan.FromHours(12);

    [Fact]
    public void FirstStart_OnlyAnOccurrenceWithinGraceIsDue()
    {
        var monday = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero); // 09:00 GMT = 09:00 London in November

        Assert.Equal((monday, 0), Summary(ScheduleMath.Due(Monday9, London, null, monday, Grace)));
        Assert.Equal((monday, 0), Summary(ScheduleMath.Due(Monday9, London, null, monday.AddHours(11), Grace)));
        Assert.Equal(((DateTimeOffset?)null, 0), Summary(ScheduleMath.Due(Monday9, London, null, monday.AddHours(13), Grace))); // too late, and nothing before it is ours
        Assert.Equal(((DateTimeOffset?)null, 0), Summary(ScheduleMath.Due(Monday9, London, null, monday.AddMinutes(-1), Grace)));
    }

    [Fact]
    public void AfterAnOutage_TheLatestIsPostedLate_OlderOnesAreSkipped()
    {
        var friday = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
        var now = new DateTimeOffset(2026, 11, 25, 10, 30, 0, TimeSpan.Zero); // Wednesday, 1½ h after its 09:00

        var (run, skipped) = ScheduleMath.Due(Weekdays9, London, friday, now, TimeSpan.FromHours(2));

        Assert.Equal(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero), run);
        Assert.Equal([new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero)], skipped);
    }

    [Fact]
    public void AYearOffline_LooksBackAMonthAtMost()
    {
        var everyMinute = CronExpression.Parse("* * * * *");
        var now = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

        var (run, skipped) = ScheduleMath.Due(everyMinute, TimeZoneInfo.Utc, now.AddYears(-1), now, TimeSpan.FromMinutes(5));

        Assert.Equal(now, run);
        Assert.True(skipped.Count <= (31 * 1440) + 5, $"{skipped.Count} occurrences");
        Assert.True(skipped[0] >= now.AddDays(-31).AddMinutes(-5));
    }

    [Fact]
    public void TooLate_EvenTheLatestIsSkipped_AndAlreadyDoneIsNotDueAgain()
    {
        var monday = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

        var (run, skipped) = ScheduleMath.Due(Monday9, London, monday.AddDays(-7), monday.AddHours(13), Grace);
        Assert.Null(run);
        Assert.Equal([monday], skipped);

        Assert.Equal(((DateTimeOffset?)null, 0), Summary(ScheduleMath.Due(Monday9, London, monday, monday.AddHours(1), Grace)));
    }

    [Fact]
    public void AcrossTheSpringDstChange_NineLocalMovesInUtc_AndThePeriodIsTheLocalWeek()
    {
        // London moves to BST on Sunday 29 March 2026: Monday 09:00 is 09:00Z on the 23rd and 08:00Z on the 30th.
        var before = new DateTimeOffset(2026, 3, 23, 9, 0, 0, TimeSpan.Zero);
        var after = new DateTimeOffset(2026, 3, 30, 8, 0, 0, TimeSpan.Zero);

        Assert.Equal(after, ScheduleMath.Next(Monday9, London, before));
        Assert.Equal((before, after), ScheduleMath.Period(Monday9, London, after));
        Assert.Equal(TimeSpan.FromHours(167), after - before);
        Assert.Equal(after, ScheduleMath.Due(Monday9, London, before, after.AddMinutes(1), Grace).Run);
    }

    [Fact]
    public void Period_OfAMonthlyPost_IsTheCalendarMonth()
    {
        var cron = CronExpression.Parse("0 9 1 * *");
        var december = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

        Assert.Equal((new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero), december), ScheduleMath.Period(cron, TimeZoneInfo.Utc, december));
    }

    private static (DateTimeOffset? Run, int Skipped) Summary((DateTimeOffset? Run, IReadOnlyList<DateTimeOffset> Skipped) due) => (due.Run, due.Skipped.Count);
}
