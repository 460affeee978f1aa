namespace SloBot.Sli.Prometheus.Recorded;

/// <summary>
/// What Prometheus records for one SLO (its <c>sloth_id</c>): the windows of <c>slo:sli_error:ratio_rate&lt;w&gt;</c>, and
/// whether SloBot's event rates (<c>slo:sli_bad_events:rate5m</c>, <c>slo:sli_total_events:rate5m</c>) have samples since
/// the start of the SLO's window; whether the hourly bucket events cover it; whether the window's own events
/// (<c>slo:sli_*_events:increase&lt;window&gt;</c>, recorded every five minutes) have a sample in the last ten minutes.
/// </summary>
internal sealed record RecordedSlo(IReadOnlySet<TimeSpan> RatioWindows, bool EventRatesCoverWindow, bool HourlyEventsCoverWindow = false, bool WindowEventsRecorded = false)
{
    public static RecordedSlo None { get; } = new(new HashSet<TimeSpan>(), false);
}
