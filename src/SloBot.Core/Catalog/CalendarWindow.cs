namespace SloBot.Core.Catalog;

/// <summary>The unit of a calendar-aligned window.</summary>
public enum CalendarUnit
{
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

/// <summary>
/// The budgeting period an instant falls in. <see cref="Elapsed"/> is what a budget counts (start to now);
/// <see cref="ResetsAt"/> is when a calendar period ends and the budget starts again (null for rolling windows).
/// </summary>
public readonly record struct BudgetPeriod(DateTimeOffset Start, DateTimeOffset Now, DateTimeOffset? ResetsAt)
{
    public TimeSpan Elapsed => Now - Start;

    /// <summary>The whole period's length: the rolling window, or start to reset for a calendar period.</summary>
    public TimeSpan Length => ResetsAt is { } end ? end - Start : Elapsed;

    /// <summary>True for a calendar period (one that resets).</summary>
    public bool IsCalendar => ResetsAt is not null;

    /// <summary>
    /// The window the sources count, ending now: the rolling window, or a calendar period's elapsed time in whole
    /// milliseconds (Prometheus' resolution), at least one second (a period that has just started has no events yet).
    /// </summary>
    public TimeSpan CountWindow => ResetsAt is null
        ? Elapsed
        : TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerSecond, Elapsed.Ticks - (Elapsed.Ticks % TimeSpan.TicksPerMillisecond)));
}

/// <summary>
/// A calendar-aligned window (OpenSLO <c>isRolling: false</c> with <c>calendar</c>): periods of <see cref="Count"/>
/// <see cref="Unit"/>s starting at <see cref="Start"/> (a local time in <see cref="TimeZone"/>) and every period after
/// (or before) it. Lengths are real elapsed time: a month is 28 to 31 days, a period over a DST change is an hour
/// shorter or longer.
/// </summary>
public sealed record CalendarWindow(int Count, CalendarUnit Unit, DateTime Start, TimeZoneInfo TimeZone)
{
    /// <summary>"1 month", "2 weeks", "1 quarter".</summary>
    public string Describe() => $"{Count} {Unit.ToString().ToLowerInvariant()}{(Count == 1 ? "" : "s")}";

    /// <summary>The shorthand, "1M", "1w", "1Q".</summary>
    public string Shorthand => $"{Count}{Unit switch { CalendarUnit.Day => "d", CalendarUnit.Week => "w", CalendarUnit.Month => "M", CalendarUnit.Quarter => "Q", _ => "Y" }}";

    /// <summary>The period that contains <paramref name="now"/>: from its start in its zone to now, resetting at the next start.</summary>
    public BudgetPeriod PeriodAt(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, TimeZone).DateTime;
        // An estimate of the period index from the average length, then exact steps either way.
        var k = (long)Math.Floor((local - Start).TotalDays / AverageDays());
        while (k > long.MinValue / 2 && LocalStart(k) > local)
            k--;
        while (LocalStart(k + 1) <= local)
            k++;
        return new BudgetPeriod(ToInstant(LocalStart(k)), now, ToInstant(LocalStart(k + 1)));
    }

    /// <summary>The nominal length (30-day months, 91-day quarters, 365-day years) where a fixed length is needed.</summary>
    public TimeSpan NominalLength => TimeSpan.FromDays(Count * Unit switch
    {
        CalendarUnit.Day => 1,
        CalendarUnit.Week => 7,
        CalendarUnit.Month => 30,
        CalendarUnit.Quarter => 91,
        _ => 365,
    });

    private double AverageDays() => Unit switch
    {
        CalendarUnit.Day => 1,
        CalendarUnit.Week => 7,
        CalendarUnit.Month => 30.436875,
        CalendarUnit.Quarter => 91.310625,
        _ => 365.2425,
    } * Count;

    private DateTime LocalStart(long k)
    {
        var n = (int)Math.Clamp(k * Count, -100_000, 100_000);
        return Unit switch
        {
            CalendarUnit.Day => Start.AddDays(n),
            CalendarUnit.Week => Start.AddDays(7.0 * n),
            CalendarUnit.Month => Start.AddMonths(Math.Clamp(n, -9000, 9000)),
            CalendarUnit.Quarter => Start.AddMonths(Math.Clamp(3 * n, -9000, 9000)),
            _ => Start.AddYears(Math.Clamp(n, -900, 900)),
        };
    }

    /// <summary>A local time as an instant; a time skipped by DST moves forward, an ambiguous one is its first occurrence.</summary>
    private DateTimeOffset ToInstant(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (TimeZone.IsInvalidTime(unspecified))
            unspecified = unspecified.AddMinutes(15);
        var offset = TimeZone.IsAmbiguousTime(unspecified) ? TimeZone.GetAmbiguousTimeOffsets(unspecified).Max() : TimeZone.GetUtcOffset(unspecified);
        return new DateTimeOffset(unspecified, offset);
    }
}

/// <summary>
/// OpenSLO Timeslices / RatioTimeslices: the window is cut into slices of <see cref="Slice"/>. Timeslices: a slice is
/// good when its good ÷ total meets <see cref="SliceTarget"/>; the SLI is good slices ÷ slices with data.
/// RatioTimeslices (<see cref="SliceTarget"/> null): the SLI is the mean of the slices' ratios.
/// </summary>
public sealed record TimeSliceBudget(TimeSpan Slice, double? SliceTarget)
{
    public string Method => SliceTarget is null ? "RatioTimeslices" : "Timeslices";
}
