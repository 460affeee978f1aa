using SloBot.Core.Budgets;
using SloBot.Core.Catalog;
using SloBot.Core.Sli;
using Xunit;

namespace SloBot.Core.Tests.Budgets;

/// <summary>Calendar windows (issue 11 item 6): the period from its start in its zone to now, reset at the next start.</summary>
public sealed class CalendarBudgetTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    [Theory]
    [InlineData(2026, 1, 31)]
    [InlineData(2026, 2, 28)]
    [InlineData(2028, 2, 29)]
    [InlineData(2026, 4, 30)]
    [InlineData(2026, 12, 31)]
    public void PeriodAt_CalendarMonthInUtc_IsTheMonthsRealLength(int year, int month, int days)
    {
        var window = Month(TimeZoneInfo.Utc);
        var now = new DateTimeOffset(year, month, 10, 7, 30, 0, TimeSpan.Zero);

        var period = window.PeriodAt(now);

        Assert.Equal(new DateTimeOffset(year, month, 1, 0, 0, 0, TimeSpan.Zero), period.Start);
        Assert.Equal(TimeSpan.FromDays(days), period.Length);
        Assert.Equal(TimeSpan.FromDays(9) + TimeSpan.FromHours(7.5), period.Elapsed);
    }

    [Fact]
    public void PeriodAt_FebruaryInParis_StartsAtLocalMidnightAndLasts28Days()
    {
        var period = Month(Paris).PeriodAt(new DateTimeOffset(2026, 2, 20, 12, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 1, 31, 23, 0, 0, TimeSpan.Zero), period.Start);
        Assert.Equal(new DateTimeOffset(2026, 2, 28, 23, 0, 0, TimeSpan.Zero), period.ResetsAt);
        Assert.Equal(TimeSpan.FromDays(28), period.Length);
    }

    [Fact]
    public void PeriodAt_MarchInParis_IsAnHourShortForTheSpringDstChange()
    {
        var period = Month(Paris).PeriodAt(new DateTimeOffset(2026, 3, 31, 12, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 2, 28, 23, 0, 0, TimeSpan.Zero), period.Start);
        Assert.Equal(new DateTimeOffset(2026, 3, 31, 22, 0, 0, TimeSpan.Zero), period.ResetsAt);
        Assert.Equal(TimeSpan.FromDays(31) - TimeSpan.FromHours(1), period.Length);
        Assert.Equal(TimeSpan.FromDays(30) + TimeSpan.FromHours(13), period.CountWindow);
    }

    [Fact]
    public void PeriodAt_OctoberInParis_IsAnHourLongForTheAutumnDstChange()
    {
        var period = Month(Paris).PeriodAt(new DateTimeOffset(2026, 10, 31, 22, 30, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 9, 30, 22, 0, 0, TimeSpan.Zero), period.Start);
        Assert.Equal(TimeSpan.FromDays(31) + TimeSpan.FromHours(1), period.Length);
    }

    [Fact]
    public void PeriodAt_TheResetInstant_StartsTheNextPeriodWithOneSecondCounted()
    {
        var reset = new DateTimeOffset(2026, 2, 28, 23, 0, 0, TimeSpan.Zero);

        var period = Month(Paris).PeriodAt(reset);

        Assert.Equal(reset, period.Start);
        Assert.Equal(new DateTimeOffset(2026, 3, 31, 22, 0, 0, TimeSpan.Zero), period.ResetsAt);
        Assert.Equal(TimeSpan.FromSeconds(1), period.CountWindow);
    }

    [Fact]
    public void PeriodAt_WeeksFromAMonday_AndQuarters()
    {
        var week = new CalendarWindow(1, CalendarUnit.Week, new DateTime(2024, 1, 1), TimeZoneInfo.Utc).PeriodAt(new DateTimeOffset(2026, 1, 15, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(new DateTimeOffset(2026, 1, 12, 0, 0, 0, TimeSpan.Zero), week.Start); // the Monday before
        Assert.Equal(TimeSpan.FromDays(7), week.Length);

        var quarter = new CalendarWindow(1, CalendarUnit.Quarter, new DateTime(2024, 1, 1), TimeZoneInfo.Utc).PeriodAt(new DateTimeOffset(2026, 5, 15, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero), quarter.Start);
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero), quarter.ResetsAt);
    }

    [Fact]
    public void CountWindow_SubMillisecondNow_IsWholeMilliseconds()
    {
        var now = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(12_345_678);

        var window = Month(TimeZoneInfo.Utc).PeriodAt(now).CountWindow;

        Assert.Equal(TimeSpan.FromMilliseconds(1234), window);
    }

    [Fact]
    public void Evaluate_CalendarSlo_CountsThePeriodSoFarAndTheBudgetOfTheWholeMonth()
    {
        var slo = Slo(Month(Paris));
        var now = new DateTimeOffset(2026, 2, 15, 23, 0, 0, TimeSpan.Zero); // 15 days into a 28-day February
        var counts = new SliCounts();
        counts.Set(slo.Id, TimeSpan.FromDays(15), new EventCounts(999_700, 1_000_000)); // 30 % of the budget used
        counts.Set(slo.Id, TimeSpan.FromDays(30), new EventCounts(0, 1_000_000)); // the nominal length is not what is counted

        var budget = BudgetMath.Evaluate(slo, counts, now);

        Assert.Equal(0.7, budget.Remaining!.Value, 9);
        Assert.Equal(BudgetStatus.Healthy, budget.Status);
        Assert.Equal(TimeSpan.FromDays(28) * 0.001, budget.BudgetTime);
        Assert.Equal(new DateTimeOffset(2026, 1, 31, 23, 0, 0, TimeSpan.Zero), budget.Span.Start);
        Assert.Equal(new DateTimeOffset(2026, 2, 28, 23, 0, 0, TimeSpan.Zero), budget.Span.ResetsAt);
        Assert.Contains(TimeSpan.FromDays(15), BudgetMath.WindowsFor([slo], now));
        Assert.DoesNotContain(TimeSpan.FromDays(30), BudgetMath.WindowsFor([slo], now));
    }

    [Fact]
    public void ProjectCalendarExhaustion_SteadyTraffic_WhenThePeriodsErrorRatioReachesTheBudget()
    {
        // 15 days in, 50 % left, burning 2×: the period's ratio reaches 1 − target after R × elapsed ÷ (BR − 1) = 7.5 days.
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var period = new BudgetPeriod(start, start.AddDays(15), start.AddDays(31));

        var at = BudgetMath.ProjectCalendarExhaustion(0.5, 2, period);

        Assert.Equal(start.AddDays(22.5), at);
        // Check by counting: r events a second, B = 0.001; bad so far 0.5·B·r·15d, then 2·B·r per second.
        var bad = (0.5 * 0.001 * 15) + (2 * 0.001 * 7.5);
        Assert.Equal(0.001, bad / 22.5, 12);
    }

    [Theory]
    [InlineData(0.5, 1.2, null)] // 0.5 × 15 ÷ 0.2 = 37.5 days: after the reset on day 31
    [InlineData(0.5, 1.0, null)] // at 1× the period's ratio never reaches the budget
    [InlineData(0.5, 0.4, null)]
    [InlineData(0.2, 2.0, 3.0)] // 0.2 × 15 ÷ 1 = 3 days: before the reset
    public void ProjectCalendarExhaustion_OnlyBeforeTheReset(double remaining, double burn, double? days)
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var period = new BudgetPeriod(start, start.AddDays(15), start.AddDays(31));

        var at = BudgetMath.ProjectCalendarExhaustion(remaining, burn, period);

        Assert.Equal(days is { } d ? period.Now.AddDays(d) : null, at);
    }

    [Fact]
    public void CalendarRecovery_NoNewErrors_BandsComeBackAsTheTotalGrows()
    {
        // 10 days into a 30-day period at 100 events a second: 86.4 M events, 75,600 bad (87.5 % of a 99.9 % budget: warning).
        var start = new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);
        var period = new BudgetPeriod(start, start.AddDays(10), start.AddDays(30));
        var counts = new EventCounts(86_400_000 - 75_600, 86_400_000);

        var recoveries = Core.Releases.CalendarBudgetRecovery.Project(counts, period, 0.999, BudgetStatus.Warning);

        // Attention (≤ 80 % used) when the total is 75,600 ÷ 0.0008 = 94.5 M events: 0.9375 days later; healthy (≤ 50 %)
        // at 151.2 M events, 7.5 days later.
        Assert.Equal([BudgetStatus.Attention, BudgetStatus.Healthy], recoveries.Select(r => r.Status));
        Assert.Equal(period.Now.AddDays(0.9375), recoveries[0].At);
        Assert.Equal(period.Now.AddDays(7.5), recoveries[1].At);
        Assert.Equal(0.5, recoveries[1].Remaining, 9);
    }

    [Fact]
    public void CalendarRecovery_BurningOnAboveTheBand_ComesBackAtTheReset()
    {
        var start = new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);
        var period = new BudgetPeriod(start, start.AddDays(10), start.AddDays(30));
        var counts = new EventCounts(86_400_000 - 75_600, 86_400_000);

        var recoveries = Core.Releases.CalendarBudgetRecovery.Project(counts, period, 0.999, BudgetStatus.Warning, burn: 0.9);

        var only = Assert.Single(recoveries);
        Assert.Equal((BudgetStatus.Healthy, start.AddDays(30), 1.0), (only.Status, only.At, only.Remaining));
    }

    [Fact]
    public void Catalog_CalendarMonthInAZone_LoadsAsACalendarSlo()
    {
        var catalog = CatalogReader.Read("monthly.yaml", """
            apiVersion: openslo/v1
            kind: SLO
            metadata: {name: monthly}
            spec:
              service: payment
              timeWindow: [{duration: 1M, isRolling: false, calendar: {startTime: "2024-01-01 00:00:00", timeZone: Europe/Paris}}]
              indicator:
                metadata: {name: payment-availability}
                spec:
                  ratioMetric:
                    counter: true
                    good: {metricSource: {type: Prometheus, spec: {query: 'sum(http_requests_total{code!~"5.."})'}}}
                    total: {metricSource: {type: Prometheus, spec: {query: sum(http_requests_total)}}}
              objectives: [{target: 0.999}]
            """);

        Assert.Empty(catalog.Problems);
        var slo = Assert.Single(catalog.Services[0].Slos);
        Assert.Equal("calendar", slo.WindowKind());
        Assert.Equal("1M", slo.WindowText());
        Assert.Equal(Paris.Id, slo.Calendar!.TimeZone.Id);
        Assert.Equal(new DateTimeOffset(2026, 1, 31, 23, 0, 0, TimeSpan.Zero), slo.PeriodAt(new DateTimeOffset(2026, 2, 3, 0, 0, 0, TimeSpan.Zero)).Start);
    }

    private static CalendarWindow Month(TimeZoneInfo zone) => new(1, CalendarUnit.Month, new DateTime(2024, 1, 1), zone);

    private static SloDefinition Slo(CalendarWindow calendar) =>
        new("payment", "monthly", 0.999, calendar.NominalLength, SliQuery.EmbeddedOnly) { Calendar = calendar };
}
