using SloBot.Core.Budgets;
using SloBot.Core.Catalog;

namespace SloBot.Sli.Prometheus.Recorded;

/// <summary>
/// Which window of which SLO is read from recorded series and which is counted from the SLO's queries. An SLO with
/// recordings reads each window its budget needs (<see cref="BudgetMath.WindowsFor"/>) that is asked for: a burn-rate
/// window from its recorded error ratio, its rolling SLO window from SloBot's event rates when they cover it (from the
/// window's recorded events when <c>slobot rules</c> records them too), the rest
/// (Sloth's rules: the SLO window; a calendar period so far) from its queries. SLOs without recordings are counted over
/// every window asked, as before.
/// </summary>
internal sealed record RecordingPlan(
    IReadOnlyList<(SloDefinition Slo, IReadOnlyList<TimeSpan> Windows)> Raw,
    IReadOnlyList<(SloDefinition Slo, IReadOnlyList<TimeSpan> RatioWindows, TimeSpan? EventWindow, bool WindowEventsRecorded)> Recorded)
{
    public static RecordingPlan For(IReadOnlyList<SloDefinition> slos, IReadOnlyList<TimeSpan> windows, DateTimeOffset end, IReadOnlyDictionary<SloId, RecordedSlo> recordings)
    {
        var raw = new List<(SloDefinition, IReadOnlyList<TimeSpan>)>();
        var recorded = new List<(SloDefinition, IReadOnlyList<TimeSpan>, TimeSpan?, bool)>();
        foreach (var slo in slos)
        {
            var found = recordings.GetValueOrDefault(slo.Id) ?? RecordedSlo.None;
            if (found.RatioWindows.Count == 0 && !found.EventRatesCoverWindow)
            {
                raw.Add((slo, windows));
                continue;
            }

            var countWindow = slo.CountWindowAt(end);
            var needed = BudgetMath.WindowsFor([slo], end).Intersect(windows).ToArray();
            var ratios = needed.Where(w => w != countWindow && found.RatioWindows.Contains(w)).ToArray();
            TimeSpan? events = found.EventRatesCoverWindow && slo.Calendar is null && needed.Contains(countWindow) ? countWindow : null;
            var rest = needed.Except(ratios).Where(w => w != events).ToArray();
            if (ratios.Length == 0 && events is null)
            {
                raw.Add((slo, windows));
                continue;
            }

            recorded.Add((slo, ratios, events, events is not null && found.WindowEventsRecorded));
            if (rest.Length > 0)
                raw.Add((slo, rest));
        }

        return new RecordingPlan(raw, recorded);
    }
}
