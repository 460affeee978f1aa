namespace SloBot.Core.Maturity;

/// <summary>
/// What SloBot measured for the maturity assessment (docs/maturity.md). Counts over the periods ending at the time
/// of the assessment: release decisions per 30-day period over 90 days, published weekly reviews per 7-day period over
/// 84 days.
/// </summary>
/// <param name="CriticalServices">Catalog services whose tier (adopted, else the catalog's) is critical.</param>
/// <param name="MonthsWithReleaseDecisions">Of the last three 30-day periods, how many have a recorded release decision (0–3).</param>
/// <param name="WeeksWithReview">Of the last twelve 7-day periods, how many have a published weekly review (0–12).</param>
/// <param name="ScheduledPosts">Scheduled posts configured (the Monday review, stakeholder summaries).</param>
public sealed record MaturityEvidence(
    int Services,
    int ServicesWithSlos,
    int Slos,
    int CriticalServices,
    int CriticalServicesWithSlos,
    int ReleaseDecisions,
    int MonthsWithReleaseDecisions,
    int PublishedReviews,
    int WeeksWithReview,
    bool BurnRateAlerts,
    int ScheduledPosts)
{
    public const int DecisionPeriods = 3;
    public static readonly TimeSpan DecisionPeriod = TimeSpan.FromDays(30);
    public const int ReviewPeriods = 12;
    public static readonly TimeSpan ReviewPeriod = TimeSpan.FromDays(7);

    /// <summary>How many of the <paramref name="periods"/> periods of <paramref name="length"/> ending at <paramref name="now"/> hold at least one of <paramref name="times"/>.</summary>
    public static int PeriodsWithAny(IEnumerable<DateTimeOffset> times, DateTimeOffset now, TimeSpan length, int periods)
    {
        var start = now - (length * periods);
        return times.Where(t => t >= start && t <= now)
            .Select(t => Math.Min(periods - 1, (int)((t - start).Ticks / length.Ticks)))
            .Distinct()
            .Count();
    }
}
