using Cronos;

namespace SloBot.Chat.Schedules;

/// <summary>When scheduled posts are due: pure functions of the cron, the zone, the last run and now (no timers).</summary>
public static class ScheduleMath
{
    /// <summary>
    /// The occurrence to post now, and the ones to record as skipped: every occurrence after <paramref name="last"/>
    /// (or, on first start, within <paramref name="grace"/>) up to <paramref name="now"/>. Only the latest is posted,
    /// and only while it is at most <paramref name="grace"/> late; older ones are skipped (a week of missed daily
    /// posts is one post, not five).
    /// </summary>
    public static (DateTimeOffset? Run, IReadOnlyList<DateTimeOffset> Skipped) Due(CronExpression cron, TimeZoneInfo zone, DateTimeOffset? last, DateTimeOffset now, TimeSpan grace)
    {
        // Looking further back than a month and the grace adds nothing but work (a per-minute cron after a year offline).
        var horizon = now - grace - TimeSpan.FromDays(31);
        var from = last is { } l && l > horizon ? l : last is null ? now - grace - TimeSpan.FromTicks(1) : horizon;
        var due = cron.GetOccurrences(from.UtcDateTime, now.UtcDateTime, zone, fromInclusive: false, toInclusive: true)
            .Select(o => new DateTimeOffset(o, TimeSpan.Zero))
            .ToList();
        if (due.Count == 0)
            return (null, []);
        var latest = due[^1];
        due.RemoveAt(due.Count - 1);
        if (now - latest > grace)
        {
            due.Add(latest);
            return (null, due);
        }

        return (latest, due);
    }

    /// <summary>The next occurrence after <paramref name="after"/>; null if the cron never fires again.</summary>
    public static DateTimeOffset? Next(CronExpression cron, TimeZoneInfo zone, DateTimeOffset after) =>
        cron.GetNextOccurrence(after, zone) is { } next ? next.ToUniversalTime() : null;

    /// <summary>
    /// What a post at <paramref name="occurrence"/> reports on: from the previous occurrence to this one, so a late or
    /// retried post covers the same days (Monday 09:00 local → Monday 09:00 local, across DST changes).
    /// </summary>
    public static (DateTimeOffset From, DateTimeOffset To) Period(CronExpression cron, TimeZoneInfo zone, DateTimeOffset occurrence)
    {
        // Cronos looks forward only: step back far enough to find the previous occurrence, then walk to it.
        for (var back = TimeSpan.FromDays(2); back <= TimeSpan.FromDays(800); back *= 2)
        {
            var previous = cron.GetOccurrences(occurrence.UtcDateTime - back, occurrence.UtcDateTime, zone, fromInclusive: true, toInclusive: false).LastOrDefault();
            if (previous != default)
                return (new DateTimeOffset(previous, TimeSpan.Zero), occurrence);
        }

        return (occurrence - TimeSpan.FromDays(7), occurrence);
    }
}
