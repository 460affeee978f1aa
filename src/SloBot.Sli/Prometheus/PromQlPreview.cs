using SloBot.Core.Catalog;
using SloBot.Sli.Prometheus.PromQl;

namespace SloBot.Sli.Prometheus;

/// <summary>The PromQL SloBot sends for an SLI over one window (before batching), for the catalog check.</summary>
public static class PromQlPreview
{
    /// <summary>
    /// The queries as sent for <paramref name="slo"/>: a time-slice SLO's slice subqueries (good slices, slices with
    /// data), otherwise the windowed good or bad and total expressions.
    /// </summary>
    public static (string? Good, string? Bad, string Total) ForSlo(SloDefinition slo, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(slo);
        if (slo.TimeSlices is null)
            return ForWindow(slo.Indicator, window);
        var (goodSlices, slices) = TimeSliceQuery.ForWindow(slo, window);
        return (goodSlices, null, slices);
    }

    public static (string? Good, string? Bad, string Total) ForWindow(SliQuery query, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(query);
        string? W(string? q) => q is null ? null : CounterWindowing.ForWindow(q, query.Kind, window);
        return (W(query.Good), W(query.Bad), W(query.Total)!);
    }
}
