using System.Globalization;
using SloBot.Core.Budgets;
using SloBot.Core.Catalog;

namespace SloBot.Sli.Prometheus.PromQl;

/// <summary>
/// A time-slice SLI over a window as two PromQL subqueries (docs/prometheus.md, "Time slices"): each slice's ratio is
/// good ÷ total over the slice (no series for a slice without events), evaluated every slice length over the window;
/// the good count is the slices meeting the slice target (<c>&gt;= bool</c>) or, for RatioTimeslices, the sum of their
/// ratios; the total is the slices with data. The range is one millisecond short of the window so that both Prometheus 2
/// (ranges closed on the left) and 3 see exactly window ÷ slice steps.
/// </summary>
internal static class TimeSliceQuery
{
    public static (string Good, string Total) ForWindow(SloDefinition slo, TimeSpan window)
    {
        var budget = slo.TimeSlices ?? throw new ArgumentException($"{slo.Id} is not a time-slice SLO", nameof(slo));
        var q = slo.Indicator;
        string Slice(string expression) => CounterWindowing.ForWindow(expression, q.Kind, budget.Slice);
        var total = $"sum({Slice(q.Total)})";
        var ratio = q.Good is { } good
            ? $"(sum({Slice(good)}) or vector(0)) / ({total} > 0)"
            : $"1 - (sum({Slice(q.Bad!)}) or vector(0)) / ({total} > 0)";
        var range = $"[{SloWindow.Format(window - TimeSpan.FromMilliseconds(1))}:{SloWindow.Format(budget.Slice)}]";
        var goodSlices = budget.SliceTarget is { } target
            ? $"sum_over_time((({ratio}) >= bool {target.ToString("R", CultureInfo.InvariantCulture)}){range})"
            : $"sum_over_time(({ratio}){range})";
        return (goodSlices, $"count_over_time(({total} > 0){range})");
    }
}
