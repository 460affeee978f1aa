using SloBot.Chat.ActionItems;
using SloBot.Chat.Conversations;
using Xunit;

namespace SloBot.Chat.Tests.Conversations;

public class LenientParsingTests
{
    // Monday 23 November 2026, 12:00 UTC
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 23);

    [Theory]
    [InlineData("14:00-16:15", "2026-11-22T14:00", "2026-11-22T16:15")] // would still be running today → yesterday
    [InlineData("09:00 - 10:30", "2026-11-23T09:00", "2026-11-23T10:30")]
    [InlineData("yesterday 2pm to 4:15pm", "2026-11-22T14:00", "2026-11-22T16:15")]
    [InlineData("Yesterday 11:30pm to 00:45", "2026-11-22T23:30", "2026-11-23T00:45")] // crosses midnight
    [InlineData("friday 9am-9:30am", "2026-11-20T09:00", "2026-11-20T09:30")]
    [InlineData("2026-11-20 14:00-16:15", "2026-11-20T14:00", "2026-11-20T16:15")]
    [InlineData("2026-11-20T14:00Z/2026-11-20T16:15Z", "2026-11-20T14:00", "2026-11-20T16:15")]
    [InlineData("2026-11-20T15:00+01:00 to 2026-11-20T17:15+01:00", "2026-11-20T14:00", "2026-11-20T16:15")]
    public void ParseRange_LenientForms_InUtc(string text, string start, string end)
    {
        var (range, error) = LenientTime.ParseRange(text, Now, TimeZoneInfo.Utc);

        Assert.Null(error);
        Assert.Equal(DateTimeOffset.Parse(start + "Z", System.Globalization.CultureInfo.InvariantCulture), range!.Value.Start);
        Assert.Equal(DateTimeOffset.Parse(end + "Z", System.Globalization.CultureInfo.InvariantCulture), range.Value.End);
    }

    [Fact]
    public void ParseRange_InAConfiguredZone_ConvertsToUtc()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York"); // UTC−5 in November

        var (range, _) = LenientTime.ParseRange("2026-11-20 14:00-16:15", Now, zone);

        Assert.Equal(new DateTimeOffset(2026, 11, 20, 19, 0, 0, TimeSpan.Zero), range!.Value.Start);
    }

    [Theory]
    [InlineData("sometime yesterday", "I expected a start and an end")]
    [InlineData("2026-11-23 11:00 to 2026-11-23 13:00", "in the future")]
    [InlineData("25:00-26:00", "`25:00` is not a time of day (hours 0–23 and minutes 0–59, or 1–12 with am/pm)")]
    [InlineData("14:00-99:99", "`99:99` is not a time of day")]
    [InlineData("13pm-14:00", "`13pm` is not a time of day")]
    [InlineData("2026-11-01 10:00 to 2026-11-20 10:00", "longer than 14 days")]
    public void ParseRange_Unreadable_SaysWhy(string text, string reason)
    {
        var (range, error) = LenientTime.ParseRange(text, Now, TimeZoneInfo.Utc);

        Assert.Null(range);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("@alice add pool alerting by friday", "@alice", "Add pool alerting", "2026-11-27", ActionHorizon.ThisWeek)]
    [InlineData("Set explicit timeouts (Owner: @bob, Due: 2026-12-18)", "@bob", "Set explicit timeouts", "2026-12-18", ActionHorizon.ThisMonth)]
    [InlineData("<@U123ABC> canary deploys this month", "<@U123ABC>", "Canary deploys", null, ActionHorizon.ThisMonth)]
    [InlineData("Chaos testing for pool exhaustion, owner: SRE team, Q1 2027", "SRE team", "Chaos testing for pool exhaustion", "2027-03-31", ActionHorizon.ThisQuarter)]
    [InlineData("@dave review all services due next week", "@dave", "Review all services", "2026-11-30", ActionHorizon.ThisWeek)]
    public void ActionItem_LenientForms(string text, string owner, string task, string? due, ActionHorizon horizon)
    {
        var answer = ActionItemText.Understand(text, Today);

        Assert.True(answer.Ok, answer.Error);
        var item = ActionItemText.ToNew(0, answer.Value!);
        Assert.Equal((owner, task, due, horizon), (item.Owner, item.Task, item.Due?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), item.Horizon));
    }

    [Theory]
    [InlineData("add pool alerting by friday", "who owns it?")]
    [InlineData("@alice add pool alerting", "when is it due?")]
    [InlineData("@alice by friday", "there is no task")]
    [InlineData("@alice add alerting due someday", "when is it due?")]
    public void ActionItem_Incomplete_SaysWhatIsMissing(string text, string reason)
    {
        var answer = ActionItemText.Understand(text, Today);

        Assert.False(answer.Ok);
        Assert.Contains(reason, answer.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("14:00-16:15", true)]
    [InlineData("25:00-26:00", true)]
    [InlineData("2pm", true)]
    [InlineData("yesterday", true)]
    [InlineData("fri", true)]
    [InlineData("2026-11-20T14:00Z/2026-11-20T16:15Z", true)]
    [InlineData("payment", false)]
    [InlineData("monitoring", false)]
    [InlineData("api-v2", false)]
    [InlineData("INC-2041", false)]
    public void LooksLikeTime_TimesValidOrNot_NotServiceNames(string word, bool expected) =>
        Assert.Equal(expected, LenientTime.LooksLikeTime(word));

    [Theory]
    [InlineData("2026-12-04T14:00Z", "2026-12-04T16:15Z", "UTC", "14:00–16:15 UTC, Fri 4 Dec")]
    [InlineData("2026-12-04T23:30Z", "2026-12-05T01:15Z", "UTC", "Fri 4 Dec 23:30 – Sat 5 Dec 01:15 UTC")]
    [InlineData("2026-12-04T22:30Z", "2026-12-04T23:15Z", "Europe/Berlin", "Fri 4 Dec 23:30 – Sat 5 Dec 00:15 Europe/Berlin")]
    public void FormatRange_SaysDateAndZone(string start, string end, string zone, string expected) =>
        Assert.Equal(expected, LenientTime.FormatRange(
            new TimeRange(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse(end, System.Globalization.CultureInfo.InvariantCulture)),
            TimeZoneInfo.FindSystemTimeZoneById(zone)));
}
