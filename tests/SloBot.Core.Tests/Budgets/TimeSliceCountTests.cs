using SloBot.Core.Catalog;
using SloBot.Core.Sli;
using Xunit;

namespace SloBot.Core.Tests.Budgets;

/// <summary>Time slices (issue 11 item 7): good slices ÷ slices with data.</summary>
public sealed class TimeSliceCountTests
{
    private static readonly DateTimeOffset T = new(2026, 1, 15, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Of_Timeslices_CountsSlicesMeetingTheSliceTargetAmongThoseWithData()
    {
        EventBucket[] slices =
        [
            new(T, new EventCounts(95, 100)), // exactly the slice target: good
            new(T.AddMinutes(1), new EventCounts(94, 100)), // bad
            new(T.AddMinutes(2), new EventCounts(0, 0)), // no events: no data
            EventBucket.NoData(T.AddMinutes(3)),
            new(T.AddMinutes(4), new EventCounts(10, 10)),
        ];

        Assert.Equal(new EventCounts(2, 3), TimeSliceCount.Of(slices, new TimeSliceBudget(TimeSpan.FromMinutes(1), 0.95)));
        // RatioTimeslices: the slices' ratios add up (Grafana's example: 10/10 ×4 and 20/40 give 4.5 of 5 = 0.9).
        EventBucket[] grafana = [.. Enumerable.Range(0, 4).Select(i => new EventBucket(T.AddMinutes(i), new EventCounts(10, 10))), new(T.AddMinutes(4), new EventCounts(20, 40))];
        Assert.Equal(new EventCounts(4.5, 5), TimeSliceCount.Of(grafana, new TimeSliceBudget(TimeSpan.FromMinutes(1), null)));
    }

    [Fact]
    public void SliceEnds_AreMultiplesOfTheSliceSinceTheEpochInsideTheWindow()
    {
        var end = T.AddMinutes(7).AddSeconds(30);

        var ends = TimeSliceCount.SliceEnds(end, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(5));

        Assert.Equal([T.AddMinutes(-5), T, T.AddMinutes(5)], ends);
        Assert.Equal(60, TimeSliceCount.SliceEnds(T, TimeSpan.FromHours(1), TimeSpan.FromMinutes(1)).Count); // (T − 1 h, T]: not T − 1 h itself
    }

    [Fact]
    public void Catalog_TimeslicesSlo_LoadsWithItsSlices()
    {
        var catalog = CatalogReader.Read("slices.yaml", """
            apiVersion: openslo/v1
            kind: SLO
            metadata: {name: minutes}
            spec:
              service: payment
              budgetingMethod: Timeslices
              timeWindow: [{duration: 7d, isRolling: true}]
              indicator:
                metadata: {name: payment-minutes}
                spec:
                  ratioMetric:
                    counter: true
                    good: {metricSource: {type: Prometheus, spec: {query: 'sum(http_requests_total{code!~"5.."})'}}}
                    total: {metricSource: {type: Prometheus, spec: {query: sum(http_requests_total)}}}
              objectives: [{target: 0.9995, timeSliceTarget: 0.95, timeSliceWindow: 1m}]
            """);

        Assert.DoesNotContain(catalog.Problems, p => p.Severity == CatalogSeverity.Error);
        var slo = Assert.Single(catalog.Services[0].Slos);
        Assert.Equal(new TimeSliceBudget(TimeSpan.FromMinutes(1), 0.95), slo.TimeSlices);
        Assert.Equal("Timeslices", slo.BudgetingMethod());
    }
}
