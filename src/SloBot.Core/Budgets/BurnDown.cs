using SloBot.Core.Catalog;
using SloBot.Core.Sli;

namespace SloBot.Core.Budgets;

/// <summary>
/// How an SLO's error budget was spent over its current window (a calendar SLO: its period so far): the share left after
/// each bucket, counted from the window's start against the budget of the whole window, so the last point is the budget
/// remaining now. The even-burn
/// line (1 at the start, 0 at the end) is what spending at burn rate 1× would have left.
/// </summary>
public sealed record BurnDownLine(SloDefinition Slo, DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<BurnDownPoint> Points)
{
    /// <summary>The even-burn share left at <paramref name="at"/>.</summary>
    public double EvenBurnAt(DateTimeOffset at) => 1 - ((at - Start) / (End - Start));
}

/// <summary>The share of the budget left at <see cref="At"/>; negative once overspent.</summary>
public readonly record struct BurnDownPoint(DateTimeOffset At, double Remaining);

public static class BurnDown
{
    /// <summary>About this many buckets per window: hourly for 30 days, coarser for longer windows.</summary>
    public const int TargetPoints = 720;

    /// <summary>The bucket size for a window: whole minutes, at least one, about <see cref="TargetPoints"/> buckets.</summary>
    public static TimeSpan Step(TimeSpan window) =>
        TimeSpan.FromMinutes(Math.Max(1, Math.Ceiling(window.TotalMinutes / TargetPoints)));

    /// <summary>
    /// The line for <paramref name="slo"/> from buckets covering its window ending at <paramref name="end"/>;
    /// null when the window had no events (no budget to draw).
    /// </summary>
    public static BurnDownLine? Compute(SloDefinition slo, IReadOnlyList<EventBucket> buckets, DateTimeOffset end)
    {
        var start = slo.PeriodAt(end).Start;
        var inWindow = buckets.Where(b => b.End > start && b.End <= end).OrderBy(b => b.End).ToArray();
        var total = inWindow.Aggregate(EventCounts.None, (sum, b) => sum + b.Counts);
        var allowedBad = (1 - slo.Target) * total.Total;
        if (!total.HasEvents || allowedBad <= 0)
            return null;
        var points = new List<BurnDownPoint>(inWindow.Length + 1) { new(start, 1) };
        var bad = 0.0;
        foreach (var bucket in inWindow)
        {
            bad += bucket.Counts.Bad;
            points.Add(new BurnDownPoint(bucket.End, 1 - (bad / allowedBad)));
        }

        return new BurnDownLine(slo, start, end, points);
    }
}
