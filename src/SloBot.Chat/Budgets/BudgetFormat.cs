using System.Globalization;
using Humanizer;
using SloBot.Core.Budgets;

namespace SloBot.Chat.Budgets;

/// <summary>How budgets read to a person: percentages, Humanized durations and dates, status words.</summary>
public static class BudgetFormat
{
    /// <summary>"43.1 %"; "no data" for a share that is unknown.</summary>
    public static string Percent(double? share, int decimals = 1) => share is { } s
        ? (s * 100).ToString("0." + new string('#', decimals), CultureInfo.InvariantCulture) + " %"
        : "no data";

    /// <summary>"99.9 %" for a target ratio, keeping every significant digit (99.95 %, 99.999 %).</summary>
    public static string Target(double ratio) => (ratio * 100).ToString("0.#####", CultureInfo.InvariantCulture) + " %";

    /// <summary>
    /// A configured length a person reads (a window, an alert window, a collection interval): "30 days", "1 hour",
    /// "5 minutes" when it is a whole number of its largest unit, else <see cref="TwoUnits"/> ("1 day 12 hours"),
    /// so nothing is cut.
    /// </summary>
    public static string Length(TimeSpan span)
    {
        span = span.Duration();
        var unit = span >= TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : span >= TimeSpan.FromHours(1) ? TimeSpan.FromHours(1) : span >= TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : TimeSpan.FromSeconds(1);
        return span.Ticks % unit.Ticks == 0 && span > TimeSpan.Zero
            ? span.Humanize(maxUnit: TimeUnit.Day, minUnit: TimeUnit.Second)
            : TwoUnits(span);
    }

    /// <summary>"12 minutes 5 seconds of 43 minutes 12 seconds left", or "overspent by 5 minutes 0 seconds (budget …)".</summary>
    public static string RemainingTime(ErrorBudget budget) => budget.RemainingTime switch
    {
        null => "no events in the window",
        _ when budget.Slo.TimeSlices is { } slices && budget.BudgetSlices is { } all && budget.Remaining is { } r => r >= 0
            ? $"{Slices(r * all)} of {Slices(all)} bad {SliceWord(slices.Slice)}s left"
            : $"overspent by {Slices(-r * all)} bad {SliceWord(slices.Slice)}s (the budget is {Slices(all)})",
        { } left when left >= TimeSpan.Zero => $"{TwoUnits(left)} of {TwoUnits(budget.BudgetTime)} left",
        { } left => $"overspent by {TwoUnits(left)} (budget {TwoUnits(budget.BudgetTime)})",
    };

    /// <summary>
    /// A duration a person reads, in its two largest adjacent units, the second kept even when zero and the rest
    /// rounded into it: "3 hours 58 minutes", "22 hours 0 minutes", "4 seconds" (never "3 seconds, 800 milliseconds").
    /// </summary>
    public static string TwoUnits(TimeSpan span)
    {
        span = span.Duration();
        (TimeSpan Big, TimeUnit BigUnit, TimeSpan Small, TimeUnit SmallUnit) = span switch
        {
            _ when span >= TimeSpan.FromDays(1) => (TimeSpan.FromDays(1), TimeUnit.Day, TimeSpan.FromHours(1), TimeUnit.Hour),
            _ when span >= TimeSpan.FromHours(1) => (TimeSpan.FromHours(1), TimeUnit.Hour, TimeSpan.FromMinutes(1), TimeUnit.Minute),
            _ when span >= TimeSpan.FromMinutes(1) => (TimeSpan.FromMinutes(1), TimeUnit.Minute, TimeSpan.FromSeconds(1), TimeUnit.Second),
            _ => (TimeSpan.FromSeconds(1), TimeUnit.Second, TimeSpan.Zero, TimeUnit.Second),
        };
        var rounded = Small == TimeSpan.Zero ? TimeSpan.FromSeconds(Math.Round(span.TotalSeconds)) : Small * Math.Round(span / Small);
        var next = span < TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : span < TimeSpan.FromHours(1) ? TimeSpan.FromHours(1) : TimeSpan.FromDays(1);
        if (Big < TimeSpan.FromDays(1) && rounded >= next)
            return TwoUnits(rounded); // 59.6 s is "1 minute 0 seconds", 23 h 59 min 40 s "1 day 0 hours"
        if (Small == TimeSpan.Zero)
            return rounded.Humanize(minUnit: TimeUnit.Second, maxUnit: TimeUnit.Second).Replace("no time", "0 seconds", StringComparison.Ordinal);
        var smalls = (long)Math.Round(span / Small);
        var perBig = (long)(Big / Small);
        var (bigs, rest) = (smalls / perBig, smalls % perBig);
        return $"{(Big * bigs).Humanize(minUnit: BigUnit, maxUnit: BigUnit)} {(Small * rest).Humanize(minUnit: SmallUnit, maxUnit: SmallUnit, toWords: false)}"
            .Replace("no time", "0 " + SmallUnit.ToString().ToLowerInvariant() + "s", StringComparison.Ordinal);
    }

    /// <summary>A latency a person reads: "250 milliseconds", "1.2 seconds" (never "1 second, 200 milliseconds").</summary>
    public static string Latency(double milliseconds) => milliseconds < 1000
        ? "millisecond".ToQuantity(Math.Round(milliseconds), "0", CultureInfo.InvariantCulture)
        : "second".ToQuantity(milliseconds / 1000, "0.##", CultureInfo.InvariantCulture);

    /// <summary>
    /// What a budget counts, in words: "30 days" for a rolling window; for a calendar one "the calendar month since
    /// Thu 1 Jan 00:00 (Europe/Paris), resetting Sun 1 Feb 00:00".
    /// </summary>
    public static string WindowWords(ErrorBudget budget)
    {
        if (budget.Slo.Calendar is not { } calendar || budget.Span.ResetsAt is not { } reset)
            return Length(budget.Slo.Window);
        return $"{CalendarPeriod(calendar)} since {Local(budget.Span.Start, calendar)} ({calendar.TimeZone.Id}), resetting {Local(reset, calendar)}";
    }

    /// <summary>"the calendar month", "the calendar week", "the 2-week calendar period".</summary>
    public static string CalendarPeriod(Core.Catalog.CalendarWindow calendar) => calendar.Count == 1
        ? $"the calendar {calendar.Unit.ToString().ToLowerInvariant()}"
        : $"the {calendar.Count}-{calendar.Unit.ToString().ToLowerInvariant()} calendar period";

    private static string Local(DateTimeOffset at, Core.Catalog.CalendarWindow calendar) =>
        TimeZoneInfo.ConvertTime(at, calendar.TimeZone).ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"minute", "hour", "5m slice": one time slice.</summary>
    public static string SliceWord(TimeSpan slice) =>
        slice == TimeSpan.FromMinutes(1) ? "minute" : slice == TimeSpan.FromHours(1) ? "hour" : slice == TimeSpan.FromDays(1) ? "day" : $"{SloWindow.Format(slice)} slice";

    private static string Slices(double count) => count.ToString(count < 10 ? "0.#" : "N0", CultureInfo.InvariantCulture);

    public static string BurnRate(double rate) => rate.ToString(rate >= 10 ? "0.#" : "0.##", CultureInfo.InvariantCulture) + "×";

    public static string Exhaustion(ErrorBudget budget) => budget switch
    {
        { HasData: false } => "no data",
        { Status: BudgetStatus.Exhausted } => "already exhausted",
        { ProjectedExhaustion: { } at } => $"in {TwoUnits(at - budget.At)} ({at.UtcDateTime.ToString("ddd d MMM HH:00", CultureInfo.InvariantCulture)} UTC)",
        _ when budget.CurrentBurn < 1 => $"not at the current burn ({BurnRate(budget.CurrentBurn)}, below 1×)",
        { Span.ResetsAt: { } reset } => $"not before the budget resets in {TwoUnits(reset - budget.At)} at the current burn ({BurnRate(budget.CurrentBurn)})",
        _ => $"not within the {Length(budget.Slo.Window)} window at the current burn ({BurnRate(budget.CurrentBurn)})",
    };

    /// <summary>"⚠️ Data covers 10 % of the 30-day window: …" for a window only partly covered by samples.</summary>
    public static string CoverageNote(ErrorBudget budget) =>
        $"⚠️ Data covers {Percent(budget.Coverage, 1)} of the {Length(budget.Slo.Window)} window (the SLI source has no samples for the rest): the figures are over the part with data.";

    public static string StatusEmoji(BudgetStatus status) => status switch
    {
        BudgetStatus.Healthy => "🟢",
        BudgetStatus.Attention => "🟡",
        BudgetStatus.Warning => "🟠",
        BudgetStatus.Critical => "🔴",
        BudgetStatus.NoData => "⚪",
        _ => "⛔",
    };

    /// <summary>
    /// A stored status word ("nodata", "healthy" …, the --json spelling) as a person reads it ("no data"), followed by
    /// the trend when there is one to say ("healthy, burning fast").
    /// </summary>
    public static string HealthWords(string status, string? trend = null) =>
        (Enum.TryParse<BudgetStatus>(status, ignoreCase: true, out var s) ? s.ToWords() : status)
        + (trend is null or "within budget" or "no data" ? "" : ", " + trend);

    /// <summary>"healthy, burning fast", "attention", "no data": the band and the trend when there is one to say.</summary>
    public static string HealthWords(ErrorBudget budget) => HealthWords(budget.Status.ToWord(), budget.Trend().ToWords());

    public static string Count(double events) => ((long)Math.Round(events)).ToString("N0", CultureInfo.InvariantCulture);
}
