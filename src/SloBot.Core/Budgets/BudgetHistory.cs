using SloBot.Core.Sli;

namespace SloBot.Core.Budgets;

/// <summary>
/// What an SLO's hourly history over its window (the series the burn-down chart reads) adds to a budget: how much of
/// the window has samples (<see cref="Coverage"/>) and when the budget runs out if the current burn continues, with the
/// events that leave the rolling window taken into account (<see cref="ProjectExhaustion"/>).
/// </summary>
public static class BudgetHistory
{
    /// <summary>The history's bucket size: the burn-down chart's (hourly for windows up to 30 days).</summary>
    public static TimeSpan Step(TimeSpan window) => BurnDown.Step(window);

    /// <summary>The whole hour at or before <paramref name="now"/>: the history's end, so runs within an hour read the same buckets.</summary>
    public static DateTimeOffset End(DateTimeOffset now) => new(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);

    /// <summary>
    /// The share (0–1) of the window's buckets, ending at <paramref name="end"/>, for which the source has samples;
    /// null when it returned no history at all (it cannot tell).
    /// </summary>
    public static double? Coverage(IReadOnlyList<EventBucket> buckets, TimeSpan window, DateTimeOffset end, TimeSpan step)
    {
        var expected = HistoryGrid.BucketEnds(end - window, end, step).Count;
        if (buckets.Count == 0 || expected == 0)
            return null;
        var known = buckets.Count(b => !b.Missing && b.End > end - window && b.End <= end);
        return Math.Min(1, (double)known / expected);
    }

    /// <summary>
    /// When the consumed budget reaches 100 % if <paramref name="burn"/> continues, to the hour (floored), simulated
    /// bucket by bucket: each bucket of the history leaves the window at its end + window, while new traffic arrives at
    /// the history's mean rate (its events ÷ the time its samples cover) with an error ratio of burn × (1 − target).
    /// Between two departures the consumed share moves monotonically, so the crossing is solved exactly there.
    /// Null when the budget is spent already, without history, when the burn is below 1× (the rule of issue 12: a
    /// rolling window is not projected to run out below 1×), and when it does not happen within one window.
    /// </summary>
    public static DateTimeOffset? ProjectExhaustion(IReadOnlyList<EventBucket> buckets, TimeSpan step, double target, TimeSpan window, DateTimeOffset end, double burn)
    {
        bool Known(EventBucket b) => !b.Missing && b.End > end - window && b.End <= end;

        // Sources answer in time order: then the history is read where it is (every ask of a burst shares one cached
        // history; a copy each would be most of what an ask allocates). Otherwise the known buckets are sorted once.
        IReadOnlyList<EventBucket> known = buckets;
        var (bad, total, count, inOrder, previous) = (0.0, 0.0, 0, true, DateTimeOffset.MinValue);
        foreach (var b in buckets)
        {
            if (!Known(b))
                continue;
            inOrder &= b.End >= previous;
            previous = b.End;
            bad += b.Counts.Bad;
            total += b.Counts.Total;
            count++;
        }

        if (!inOrder)
        {
            var sorted = buckets.Where(Known).OrderBy(b => b.End).ToArray();
            (known, bad, total) = (sorted, sorted.Sum(b => b.Counts.Bad), sorted.Sum(b => b.Counts.Total));
        }

        var allowed = 1 - target;
        if (!(burn >= 1) || !double.IsFinite(burn) || !(total > 0) || !(allowed > 0) || bad >= allowed * total * (1 - 1e-12))
            return null;
        var rate = total / (count * step.TotalSeconds); // events per second
        var from = 0.0; // seconds after end
        foreach (var bucket in known)
        {
            if (!Known(bucket))
                continue;
            var leaves = (bucket.End + window - end).TotalSeconds;
            if (Crossing(bad, total, allowed, rate, burn, from, leaves) is { } s)
                return Floor(end + TimeSpan.FromSeconds(s));
            bad -= bucket.Counts.Bad;
            total -= bucket.Counts.Total;
            from = Math.Max(from, leaves);
        }

        // Only new traffic is left: at exactly 1× it reaches 100 % at one window, which is not "within" it.
        return Crossing(Math.Max(0, bad), Math.Max(0, total), allowed, rate, burn, from, window.TotalSeconds) is { } last && last < window.TotalSeconds
            ? Floor(end + TimeSpan.FromSeconds(last))
            : null;
    }

    /// <summary>
    /// Within (from, to] after the end, with <paramref name="bad"/> of <paramref name="total"/> history events still in
    /// the window, consumed(s) = (bad + r·s·burn·a) ÷ (a·(total + r·s)); the first s where it reaches 1, or null.
    /// </summary>
    private static double? Crossing(double bad, double total, double allowed, double rate, double burn, double from, double to)
    {
        if (to < from)
            return null;
        if (bad >= allowed * (total + (rate * from)) - (rate * from * burn * allowed))
            return from; // already over at the start of the stretch (a clean bucket just left)
        if (!(burn > 1))
            return null;
        var s = ((allowed * total) - bad) / (rate * allowed * (burn - 1));
        return s <= to ? Math.Max(s, from) : null;
    }

    private static DateTimeOffset Floor(DateTimeOffset at) => End(at);
}
