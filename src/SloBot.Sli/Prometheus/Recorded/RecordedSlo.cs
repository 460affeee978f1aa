namespace SloBot.Sli.Prometheus.Recorded;

/// <summary>
/// What Prometheus records for one SLO (its <c>sloth_id</c>): the windows of <c>slo:sli_error:ratio_rate&lt;w&gt;</c>, and
/// whether SloBot's event rates (<c>slo:sli_bad_events:rate5m</c>, <c>slo:sli_total_events:rate5m</c>) have samples since
/// the start of the SLO's window.
/// </summary>
internal sealed record RecordedSlo(IReadOnlySet<TimeSpan> RatioWindows, bool EventRatesCoverWindow, bool HourlyEventsCoverWindow = false)
{
    public static RecordedSlo None { get; } = new(new HashSet<TimeSpan>(), false);
}
