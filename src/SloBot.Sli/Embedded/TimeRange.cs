namespace SloBot.Sli.Embedded;

/// <summary>
/// Splits a half-open range of minutes [start, end) into whole days, whole hours and loose minutes, so a
/// 30-day sum reads about 30 day rows, up to 46 hour rows and up to 118 minute rows.
/// </summary>
internal readonly record struct TimeRange(long Start, long End)
{
    public const long Minute = 60;
    public const long Hour = 3600;
    public const long Day = 86400;

    public static long Down(long t, long unit) => t - Mod(t, unit);

    public static long Up(long t, long unit) => Mod(t, unit) == 0 ? t : Down(t, unit) + unit;

    private static long Mod(long t, long unit) => ((t % unit) + unit) % unit;

    /// <summary>The parts: (days, hours, minutes), each a list of [from, to) ranges in seconds.</summary>
    public (IReadOnlyList<TimeRange> Days, IReadOnlyList<TimeRange> Hours, IReadOnlyList<TimeRange> Minutes) Split()
    {
        var days = new List<TimeRange>();
        var hours = new List<TimeRange>();
        var minutes = new List<TimeRange>();
        if (End <= Start)
            return (days, hours, minutes);
        var d0 = Up(Start, Day);
        var d1 = Down(End, Day);
        if (d0 < d1)
        {
            days.Add(new(d0, d1));
            SplitHours(new(Start, d0), hours, minutes);
            SplitHours(new(d1, End), hours, minutes);
        }
        else
        {
            SplitHours(this, hours, minutes);
        }

        return (days, hours, minutes);
    }

    private static void SplitHours(TimeRange range, List<TimeRange> hours, List<TimeRange> minutes)
    {
        if (range.End <= range.Start)
            return;
        var h0 = Up(range.Start, Hour);
        var h1 = Down(range.End, Hour);
        if (h0 < h1)
        {
            hours.Add(new(h0, h1));
            Add(minutes, new(range.Start, h0));
            Add(minutes, new(h1, range.End));
        }
        else
        {
            Add(minutes, range);
        }
    }

    private static void Add(List<TimeRange> list, TimeRange range)
    {
        if (range.End > range.Start)
            list.Add(range);
    }
}
