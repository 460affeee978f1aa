using SloBot.Core.Catalog;

namespace SloBot.Core.Sli;

/// <summary>
/// Time-slice SLIs counted in slices (OpenSLO Timeslices / RatioTimeslices): the "events" are slices with data, the
/// good ones are the slices whose good ÷ total meets the slice target (Timeslices), or the sum of the slices' ratios
/// (RatioTimeslices). Slices end on multiples of their length since the Unix epoch, like Prometheus' subquery steps.
/// </summary>
public static class TimeSliceCount
{
    /// <summary>Good slices and slices with data among <paramref name="slices"/> (one bucket per slice; missing or empty ones have no data).</summary>
    public static EventCounts Of(IEnumerable<EventBucket> slices, TimeSliceBudget budget)
    {
        double good = 0, total = 0;
        foreach (var slice in slices)
        {
            if (slice.Missing || !(slice.Counts.Total > 0))
                continue;
            var ratio = slice.Counts.Good / slice.Counts.Total;
            good += budget.SliceTarget is { } target ? (ratio >= target ? 1 : 0) : ratio;
            total++;
        }

        return new EventCounts(good, total);
    }

    /// <summary>The slice ends in (end − window, end]: the multiples of <paramref name="slice"/> since the Unix epoch.</summary>
    public static IReadOnlyList<DateTimeOffset> SliceEnds(DateTimeOffset end, TimeSpan window, TimeSpan slice)
    {
        if (slice <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(slice), slice, "A slice must be longer than zero.");
        var from = (end - window).UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var to = end.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var first = (Math.Floor((double)from / slice.Ticks) + 1) * slice.Ticks;
        var ends = new List<DateTimeOffset>();
        for (var t = (long)first; t <= to; t += slice.Ticks)
            ends.Add(DateTimeOffset.UnixEpoch.AddTicks(t));
        return ends;
    }
}
