using Microsoft.Data.Sqlite;
using SloBot.Core.Budgets;
using SloBot.Core.Catalog;
using SloBot.Core.Sli;

namespace SloBot.Sli.Embedded;

/// <summary>
/// Time-slice SLOs in the embedded store: the minutes are summed into slices ending on multiples of the slice length
/// since the Unix epoch (where Prometheus' subquery steps fall), then counted as good slices and slices with data.
/// </summary>
public sealed partial class EmbeddedSliStore
{
    /// <summary>Good slices and slices with data in (end − window, end].</summary>
    private static async Task<EventCounts> CountSlicesAsync(SqliteConnection connection, SloDefinition slo, TimeSpan window, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var budget = WholeMinutes(slo);
        var ends = TimeSliceCount.SliceEnds(end, window, budget.Slice);
        if (ends.Count == 0)
            return EventCounts.None;
        var slices = await ScanAsync(connection, slo.Id, ends[0] - budget.Slice, ends, cancellationToken).ConfigureAwait(false);
        return TimeSliceCount.Of(slices, budget);
    }

    /// <summary>History buckets of a time-slice SLO: in each, its good slices and slices with data (no slice with data: missing).</summary>
    private static async Task<IReadOnlyList<EventBucket>> SliceSeriesAsync(SqliteConnection connection, SloDefinition slo, IReadOnlyList<DateTimeOffset> ends, TimeSpan step, CancellationToken cancellationToken)
    {
        var budget = WholeMinutes(slo);
        var sliceEnds = TimeSliceCount.SliceEnds(ends[^1], ends[^1] - (ends[0] - step), budget.Slice);
        var slices = sliceEnds.Count == 0 ? [] : await ScanAsync(connection, slo.Id, sliceEnds[0] - budget.Slice, sliceEnds, cancellationToken).ConfigureAwait(false);
        var buckets = new List<EventBucket>(ends.Count);
        var k = 0;
        foreach (var end in ends)
        {
            var from = k;
            while (k < slices.Count && slices[k].End <= end)
                k++;
            var counts = TimeSliceCount.Of(slices.Skip(from).Take(k - from), budget);
            buckets.Add(counts.HasEvents ? new EventBucket(end, counts) : EventBucket.NoData(end));
        }

        return buckets;
    }

    private static TimeSliceBudget WholeMinutes(SloDefinition slo)
    {
        var budget = slo.TimeSlices!;
        if (budget.Slice.Ticks % TimeSpan.TicksPerMinute != 0)
        {
            throw new SliSourceException(
                $"{slo.Id} is budgeted in slices of {SloWindow.Format(budget.Slice)}; the embedded store keeps per-minute counts and can only count slices of whole minutes (use timeSliceWindow: 1m, 5m…, or Prometheus)");
        }

        return budget;
    }
}
