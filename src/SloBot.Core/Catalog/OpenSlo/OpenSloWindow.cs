using System.Globalization;
using SloBot.Core.Catalog.Yaml;
using YamlDotNet.RepresentationModel;

namespace SloBot.Core.Catalog.OpenSlo;

/// <summary>An SLO's window: a rolling length, or a calendar window (whose <see cref="Length"/> is its nominal length).</summary>
internal sealed record SloWindowSpec(TimeSpan Length, CalendarWindow? Calendar);

/// <summary>
/// OpenSLO time windows: v1 <c>timeWindow: [{duration, isRolling, calendar: {startTime, timeZone}}]</c> and v1alpha
/// <c>timeWindows: [{unit, count, isRolling, calendar}]</c>. Absent: the catalog's default window, with a note.
/// </summary>
internal static class OpenSloWindow
{
    private static readonly string[] V1Keys = ["duration", "isRolling", "calendar"];
    private static readonly string[] V1AlphaKeys = ["unit", "count", "isRolling", "calendar"];
    private static readonly string[] CalendarKeys = ["startTime", "timeZone"];
    private static readonly string[] StartFormats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd"];

    /// <summary>The window, the default (with a note) when none is given, or null when it is unusable (problem recorded).</summary>
    public static SloWindowSpec? Read(YamlReader r, YamlNode spec, TimeSpan defaultWindow, bool alpha)
    {
        var key = YamlReader.Child(spec, "timeWindow") is not null || !alpha ? "timeWindow" : "timeWindows";
        var node = YamlReader.Child(spec, key) ?? YamlReader.Child(spec, alpha ? "timeWindow" : "timeWindows");
        var first = node is YamlSequenceNode { Children.Count: > 0 } seq ? seq.Children[0] : node as YamlMappingNode;
        var field = $"spec.{key}[0]";
        if (first is null)
        {
            r.Note(node ?? spec, $"spec.{key}", $"is not given; SloBot uses the default rolling window of {SloBotWindow(defaultWindow)}",
                "set SloBot:Catalog:DefaultWindow to change the default, or give the SLO a timeWindow");
            return new SloWindowSpec(defaultWindow, null);
        }

        if (node is YamlSequenceNode { Children.Count: > 1 })
            r.Warning(node, $"spec.{key}", "has more than one window; SloBot uses the first", "OpenSLO allows exactly one");
        r.Known(first, field, alpha ? V1AlphaKeys : V1Keys);

        var calendarNode = YamlReader.Child(first, "calendar");
        var rolling = r.Bool(YamlReader.Child(first, "isRolling"), $"{field}.isRolling");
        if (rolling is null && YamlReader.Child(first, "isRolling") is not null)
            return null;
        if (rolling == true && calendarNode is not null)
        {
            r.Problem(YamlReader.Child(first, "isRolling"), $"{field}.isRolling", "is true but the window has a calendar",
                "a calendar window is isRolling: false; remove calendar for a rolling window");
            return null;
        }

        var (count, unit) = alpha ? AlphaDuration(r, first, field) : Duration(r, first, field);
        if (count is null || unit is null)
            return null;
        var isCalendar = calendarNode is not null || rolling == false;
        if (!isCalendar)
        {
            var length = unit switch
            {
                'm' => TimeSpan.FromMinutes(count.Value),
                'h' => TimeSpan.FromHours(count.Value),
                'd' => TimeSpan.FromDays(count.Value),
                'w' => TimeSpan.FromDays(7.0 * count.Value),
                's' => TimeSpan.FromSeconds(count.Value),
                _ => (TimeSpan?)null,
            };
            if (length is null)
            {
                r.Problem(YamlReader.Child(first, alpha ? "unit" : "duration") ?? first, $"{field}.{(alpha ? "unit" : "duration")}",
                    "a rolling window in months, quarters or years has no fixed length",
                    "write a rolling window in days or weeks (30d, 4w), or make it a calendar window (isRolling: false with calendar)");
                return null;
            }

            return new SloWindowSpec(length.Value, null);
        }

        var calendarUnit = unit switch
        {
            'd' => CalendarUnit.Day,
            'w' => CalendarUnit.Week,
            'M' => CalendarUnit.Month,
            'Q' => CalendarUnit.Quarter,
            'Y' => CalendarUnit.Year,
            _ => (CalendarUnit?)null,
        };
        if (calendarUnit is null)
        {
            r.Problem(YamlReader.Child(first, alpha ? "unit" : "duration") ?? first, $"{field}.{(alpha ? "unit" : "duration")}",
                "a calendar window must be whole days, weeks, months, quarters or years",
                unit == 'm' ? $"'{count}m' is {count} minute(s); a calendar month is {count}M" : "e.g. duration: 1M (a calendar month) or 1w");
            return null;
        }

        var calendar = Calendar(r, calendarNode, first, $"{field}.calendar", count.Value, calendarUnit.Value);
        return calendar is null ? null : new SloWindowSpec(calendar.NominalLength, calendar);
    }

    public static string SloBotWindow(TimeSpan window) => Budgets.SloWindow.Format(window);

    /// <summary>v1 shorthand: an integer and s, m, h, d, w (rolling or calendar) or M, Q, Y (calendar only).</summary>
    private static (int? Count, char? Unit) Duration(YamlReader r, YamlNode window, string field)
    {
        var node = YamlReader.Child(window, "duration");
        var text = YamlReader.Scalar(node)?.Trim();
        if (text is null)
        {
            r.Problem(node ?? window, $"{field}.duration", "is missing", "e.g. duration: 30d (rolling) or 1M with a calendar");
            return (null, null);
        }

        if (text.Length >= 2 && "smhdwMQY".Contains(text[^1], StringComparison.Ordinal) &&
            int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            return (n, text[^1]);
        }

        r.Problem(node, $"{field}.duration", $"'{text}' is not a duration", "an integer above zero and one unit: s, m, h, d, w, M (month), Q or Y, e.g. 30d or 1M");
        return (null, null);
    }

    /// <summary>v1alpha: <c>count</c> and <c>unit</c> (Second … Year).</summary>
    private static (int? Count, char? Unit) AlphaDuration(YamlReader r, YamlNode window, string field)
    {
        var countNode = YamlReader.Child(window, "count");
        var count = r.Number(countNode, $"{field}.count");
        var unitText = YamlReader.String(window, "unit");
        char? unit = unitText?.ToLowerInvariant() switch
        {
            "second" => 's',
            "minute" => 'm',
            "hour" => 'h',
            "day" => 'd',
            "week" => 'w',
            "month" => 'M',
            "quarter" => 'Q',
            "year" => 'Y',
            _ => null,
        };
        if (unit is null)
            r.Problem(YamlReader.Child(window, "unit") ?? window, $"{field}.unit", unitText is null ? "is missing" : $"'{unitText}' is not a unit", "one of Second, Minute, Hour, Day, Week, Month, Quarter, Year");
        if (count is null && countNode is null)
            r.Problem(window, $"{field}.count", "is missing", "e.g. count: 30 with unit: Day");
        if (count is { } c && (c < 1 || c != Math.Floor(c) || c > 100_000))
        {
            r.Problem(countNode, $"{field}.count", $"{c} is not a whole number of units above zero");
            count = null;
        }

        return ((int?)count, unit);
    }

    private static CalendarWindow? Calendar(YamlReader r, YamlNode? node, YamlNode window, string field, int count, CalendarUnit unit)
    {
        r.Known(node, field, CalendarKeys);
        var startText = YamlReader.String(node, "startTime");
        DateTime start;
        if (startText is null)
        {
            start = unit switch
            {
                CalendarUnit.Week => new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Unspecified), // a Monday
                _ => new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Unspecified),
            };
            r.Note(node ?? window, $"{field}.startTime", $"is not given; periods start at midnight on {(unit == CalendarUnit.Week ? "Mondays" : "the 1st")}",
                "give calendar.startTime to align the periods elsewhere");
        }
        else if (!DateTime.TryParseExact(startText.Trim(), StartFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out start))
        {
            r.Problem(YamlReader.Child(node, "startTime"), $"{field}.startTime", $"'{startText}' is not a local date and time", "e.g. 2024-01-01 00:00:00 (24 h, no zone; the zone is calendar.timeZone)");
            return null;
        }

        var zoneText = YamlReader.String(node, "timeZone");
        TimeZoneInfo zone;
        if (zoneText is null)
        {
            zone = TimeZoneInfo.Utc;
            r.Note(node ?? window, $"{field}.timeZone", "is not given; periods are aligned in UTC", "give calendar.timeZone, e.g. Europe/Paris");
        }
        else if (!TimeZoneInfo.TryFindSystemTimeZoneById(zoneText.Trim(), out zone!))
        {
            r.Problem(YamlReader.Child(node, "timeZone"), $"{field}.timeZone", $"'{zoneText}' is not a time zone this system knows", "an IANA name such as America/New_York or Europe/Paris");
            return null;
        }

        return new CalendarWindow(count, unit, DateTime.SpecifyKind(start, DateTimeKind.Unspecified), zone);
    }
}
