namespace SloBot.Core.Sli;

/// <summary>
/// Where the buckets of an SLI history end: on whole minutes, the first one step after <c>start</c> floored to the
/// minute, every step after it up to <c>end</c>. Both sources count whole minutes, and Prometheus sees samples
/// scraped on the minute on both edges of every bucket, so the same events give the same buckets whatever the
/// (sub-millisecond, unaligned) instant asked for.
/// </summary>
public static class HistoryGrid
{
    public static DateTimeOffset FloorToMinute(DateTimeOffset at) =>
        new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);

    /// <summary>The bucket ends in (⌊start⌋, end], step apart.</summary>
    public static IReadOnlyList<DateTimeOffset> BucketEnds(DateTimeOffset start, DateTimeOffset end, TimeSpan step)
    {
        if (step <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(step), step, "The step must be positive.");
        var first = FloorToMinute(start);
        var count = end <= first ? 0 : (int)((end - first).Ticks / step.Ticks);
        var ends = new DateTimeOffset[count];
        for (var k = 0; k < count; k++)
            ends[k] = first + (step * (k + 1));
        return ends;
    }
}
