using System.Globalization;
using System.Text.RegularExpressions;

namespace SloBot.Chat.Conversations;

/// <summary>An interval in UTC.</summary>
public readonly record struct TimeRange(DateTimeOffset Start, DateTimeOffset End)
{
    public TimeSpan Duration => End - Start;
}

/// <summary>
/// Reads times the way people type them in chat, relative to "now" in a zone: "14:00-16:15", "2pm to 4:15pm",
/// "yesterday 2pm to 4:15pm", "monday 09:30-10:00", "2025-01-15 14:00-16:15", ISO-8601 pairs
/// ("2025-01-15T14:00Z/2025-01-15T16:15Z"). A range without a day is today, or yesterday when it would still be
/// running; an end before its start crosses midnight.
/// </summary>
public static partial class LenientTime
{
    private const string Day = @"today|yesterday|mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:rs|rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?|\d{4}-\d{2}-\d{2}";
    private const string Clock = @"\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?";

    public static (TimeRange? Range, string? Error) ParseRange(string text, DateTimeOffset now, TimeZoneInfo zone)
    {
        var t = text.Trim();
        var iso = IsoPair().Match(t);
        if (iso.Success)
        {
            if (!TryIso(iso.Groups["a"].Value, zone, out var a) || !TryIso(iso.Groups["b"].Value, zone, out var b))
                return (null, "those ISO-8601 times are not valid");
            return Check(new TimeRange(a, b), now);
        }

        var m = ClockRange().Match(t);
        if (!m.Success)
            return (null, "I expected a start and an end, like `14:00-16:15`, `yesterday 2pm to 4:15pm` or `2025-01-15T14:00Z/2025-01-15T16:15Z`");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var explicitDay = m.Groups["d1"].Success;
        var day1 = explicitDay ? ResolveDay(m.Groups["d1"].Value, today) : today;
        if (day1 is null)
            return (null, $"'{m.Groups["d1"].Value}' is not a day I can read");
        if (!TryClock(m.Groups["t1"].Value, out var c1))
            return (null, NotAClock(m.Groups["t1"].Value));
        if (!TryClock(m.Groups["t2"].Value, out var c2))
            return (null, NotAClock(m.Groups["t2"].Value));
        var day2 = m.Groups["d2"].Success ? ResolveDay(m.Groups["d2"].Value, today) : day1;
        if (day2 is null)
            return (null, $"'{m.Groups["d2"].Value}' is not a day I can read");
        var start = Local(day1.Value, c1, zone);
        var end = Local(day2.Value, c2, zone);
        if (end <= start && !m.Groups["d2"].Success)
            end = Local(day2.Value.AddDays(1), c2, zone);
        if (!explicitDay && end > now)
        {
            start = start.AddDays(-1);
            end = end.AddDays(-1);
        }

        return Check(new TimeRange(start, end), now);
    }

    /// <summary>A single time of day ("14:18", "2:18pm"), optionally with a day, read near <paramref name="anchor"/> (the incident's start).</summary>
    public static (DateTimeOffset? At, string Remainder) ParseLeadingTime(string text, DateTimeOffset anchor, TimeZoneInfo zone)
    {
        var m = LeadingClock().Match(text.Trim());
        if (!m.Success || !TryClock(m.Groups["t"].Value, out var clock))
            return (null, text.Trim());
        var anchorDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(anchor, zone).DateTime);
        var day = m.Groups["d"].Success ? ResolveDay(m.Groups["d"].Value, anchorDay) ?? anchorDay : anchorDay;
        var at = Local(day, clock, zone);
        if (!m.Groups["d"].Success && at < anchor - TimeSpan.FromHours(12))
            at = at.AddDays(1); // "00:30" in an incident that started at 23:50
        return (at, m.Groups["rest"].Value.Trim().TrimStart('-', '—', '–', ':', '|').Trim());
    }

    /// <summary>A date: "2025-01-17", "friday" (the next one), "tomorrow", "today", "next week" (Monday), "end of month".</summary>
    public static DateOnly? ParseDate(string text, DateOnly today)
    {
        var t = text.Trim().ToLowerInvariant();
        if (DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            return d;
        if (t == "today")
            return today;
        if (t == "tomorrow")
            return today.AddDays(1);
        if (t == "next week")
        {
            var toMonday = ((int)DayOfWeek.Monday - (int)today.DayOfWeek + 7) % 7;
            return today.AddDays(toMonday == 0 ? 7 : toMonday);
        }
        if (t is "end of month" or "end of the month")
            return new DateOnly(today.Year, today.Month, DateTime.DaysInMonth(today.Year, today.Month));
        if (t is "end of quarter" or "end of the quarter")
        {
            var lastMonth = (((today.Month - 1) / 3) + 1) * 3;
            return new DateOnly(today.Year, lastMonth, DateTime.DaysInMonth(today.Year, lastMonth));
        }

        if (Weekday(t.Replace("next ", "", StringComparison.Ordinal)) is { } wd)
        {
            var ahead = ((int)wd - (int)today.DayOfWeek + 7) % 7;
            return today.AddDays(ahead == 0 ? 7 : ahead);
        }

        return null;
    }

    /// <summary>
    /// Whether a word starts what reads as a time or a window ("14:00-16:15", "25:00-26:00", "2pm", "yesterday",
    /// "2025-01-15T14:00Z/…"), valid or not: what follows it is the window, never a service name.
    /// </summary>
    public static bool LooksLikeTime(string word) => TimeLike().IsMatch(word.Trim());

    /// <summary>"14:00–16:15 UTC, Fri 4 Dec"; across days "Fri 4 Dec 23:30 – Sat 5 Dec 01:15 UTC".</summary>
    public static string FormatRange(TimeRange range, TimeZoneInfo zone)
    {
        var (start, end) = (TimeZoneInfo.ConvertTime(range.Start, zone), TimeZoneInfo.ConvertTime(range.End, zone));
        var inv = CultureInfo.InvariantCulture;
        return start.Date == end.Date
            ? $"{start.ToString("HH:mm", inv)}–{end.ToString("HH:mm", inv)} {ZoneName(zone)}, {start.ToString("ddd d MMM", inv)}"
            : $"{start.ToString("ddd d MMM HH:mm", inv)} – {end.ToString("ddd d MMM HH:mm", inv)} {ZoneName(zone)}";
    }

    /// <summary>"Mon 23 Nov 14:00 UTC" in the zone.</summary>
    public static string Format(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture) + " " + ZoneName(zone);

    public static string ZoneName(TimeZoneInfo zone) => zone.Id is "UTC" or "Etc/UTC" ? "UTC" : zone.Id;

    private static (TimeRange?, string?) Check(TimeRange range, DateTimeOffset now)
    {
        if (range.End <= range.Start)
            return (null, "the end must come after the start");
        if (range.End > now)
            return (null, $"the end ({range.End.UtcDateTime:yyyy-MM-dd HH:mm} UTC) is in the future; a retrospective needs a finished incident");
        if (range.Duration > TimeSpan.FromDays(14))
            return (null, "that is longer than 14 days; check the dates");
        return (range, null);
    }

    private static string NotAClock(string text) =>
        $"`{text.Trim()}` is not a time of day (hours 0–23 and minutes 0–59, or 1–12 with am/pm), like 14:00, 2pm or 4:15pm";

    private static DateOnly? ResolveDay(string word, DateOnly today)
    {
        var w = word.ToLowerInvariant();
        if (w == "today")
            return today;
        if (w == "yesterday")
            return today.AddDays(-1);
        if (DateOnly.TryParseExact(w, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            return d;
        if (Weekday(w) is { } wd)
            return today.AddDays(-(((int)today.DayOfWeek - (int)wd + 7) % 7)); // the most recent one, today included
        return null;
    }

    private static DayOfWeek? Weekday(string w)
    {
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            var name = day.ToString().ToLowerInvariant();
            if (w.Length >= 3 && name.StartsWith(w, StringComparison.Ordinal))
                return day;
        }

        return null;
    }

    private static bool TryClock(string text, out TimeOnly clock)
    {
        clock = default;
        var t = text.Replace(".", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
        var pm = t.EndsWith("pm", StringComparison.Ordinal);
        var am = t.EndsWith("am", StringComparison.Ordinal);
        if (pm || am)
            t = t[..^2];
        var parts = t.Split(':');
        if (!int.TryParse(parts[0], CultureInfo.InvariantCulture, out var h))
            return false;
        var min = parts.Length > 1 && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var mm) ? mm : 0;
        if ((pm || am) && (h < 1 || h > 12))
            return false;
        if (pm && h != 12)
            h += 12;
        if (am && h == 12)
            h = 0;
        if (h > 23 || min > 59)
            return false;
        clock = new TimeOnly(h, min);
        return true;
    }

    private static DateTimeOffset Local(DateOnly day, TimeOnly clock, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(clock, DateTimeKind.Unspecified);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }

    private static bool TryIso(string text, TimeZoneInfo zone, out DateTimeOffset at)
    {
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out at) && HasOffset(text))
        {
            at = at.ToUniversalTime();
            return true;
        }

        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            at = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone), TimeSpan.Zero);
            return true;
        }

        return false;
    }

    private static bool HasOffset(string text) => text.EndsWith('Z') || text.EndsWith('z') || OffsetSuffix().IsMatch(text);

    [GeneratedRegex(@"^(?<a>\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)\s*(?:/|to|–|—|\s-\s)\s*(?<b>\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)$", RegexOptions.IgnoreCase)]
    private static partial Regex IsoPair();

    [GeneratedRegex(@"^(?:(?<d1>" + Day + @")\s+(?:at\s+)?)?(?:from\s+)?(?<t1>" + Clock + @")\s*(?:-|–|—|to|until|till)\s*(?:(?<d2>" + Day + @")\s+(?:at\s+)?)?(?<t2>" + Clock + @")(?:\s*utc)?$", RegexOptions.IgnoreCase)]
    private static partial Regex ClockRange();

    [GeneratedRegex(@"^(?:(?<d>" + Day + @")\s+)?(?<t>" + Clock + @")\b(?<rest>.*)$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex LeadingClock();

    [GeneratedRegex(@"^(?:(?:" + Day + @")\b.*|(?:from|at)|\d{1,2}(?:[:.]\d{1,2})?\s*(?:[ap]\.?m\.?)?(?:\s*(?:-|–|—).*)?|\d{4}-\d{2}-\d{2}.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex TimeLike();

    [GeneratedRegex(@"[+-]\d{2}:?\d{2}$")]
    private static partial Regex OffsetSuffix();
}
