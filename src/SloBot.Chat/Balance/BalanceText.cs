using Humanizer;
using SloBot.Chat.Teams;
using SloBot.Core.Balance;

namespace SloBot.Chat.Balance;

/// <summary>The words of <c>/slo balance</c>: the band in the document's words, SloBot's rationale and recommendations.</summary>
internal static class BalanceText
{
    /// <summary>Seed 004's comments on each adjustment.</summary>
    public static string Words(SloGapBand band) => band switch
    {
        SloGapBand.ExceedingSignificantly => "exceeding SLOs significantly, can do more features",
        SloGapBand.MeetingComfortably => "meeting SLOs comfortably",
        SloGapBand.JustMeeting => "just meeting SLOs",
        SloGapBand.MissingSome => "missing some SLOs",
        _ => "significantly missing SLOs",
    };

    /// <summary>The band's <c>--json</c> key: exceedingSignificantly, meetingComfortably, justMeeting, missingSome, missingSignificantly.</summary>
    public static string Key(SloGapBand band) => band.ToString().Camelize();

    public static string Rationale(BalanceAdvice a)
    {
        var split = $"{a.Allocation.FeaturePercent} % features, {a.Allocation.ReliabilityPercent} % reliability";
        if (a.Gap is not { } gap || a.Band is not { } band)
            return $"No SLO had data in its window, so the document's base split stands unadjusted: {split}.";
        var move = a.Allocation.Adjustment switch
        {
            > 0 => $"{a.Allocation.Adjustment} points move from reliability to features",
            < 0 => $"{-a.Allocation.Adjustment} points move from features to reliability",
            _ => "the base 70/30 split stands",
        };
        return $"Over {"SLO".ToQuantity(a.Slos.Counted.Count)} with data the average SLI is {TeamFormat.Percent(a.AverageSli!.Value)} against an average target of " +
               $"{TeamFormat.Percent(a.AverageTarget!.Value)} ({TeamFormat.Points(gap)}): {Words(band)}, so {move}: {split}.";
    }

    public static IReadOnlyList<string> Recommendations(BalanceAdvice a)
    {
        var missing = a.Missing.Take(3).Select(Name).ToArray();
        var list = new List<string>();
        switch (a.Band)
        {
            case null:
                list.Add("Check the SLI source: without data no SLO can argue for more or less reliability time (`/slo status`).");
                break;
            case SloGapBand.ExceedingSignificantly:
                list.Add("Spend the spare error budget on features and experiments; releases can take more risk (`/slo release`).");
                if (a.Exceeding.Count > 0)
                    list.Add($"Consider tightening the targets exceeded most at the next quarterly planning: {string.Join(", ", a.Exceeding.Take(3).Select(Name))}.");
                break;
            case SloGapBand.MeetingComfortably:
                list.Add("Ship features at a steady pace; put the reliability share into toil automation (`/slo toil list`) and open action items (`/slo actions`).");
                break;
            case SloGapBand.JustMeeting:
                list.Add("Hold the 70/30 split and watch the budgets in the weekly review (`/slo review start`): a small regression misses the SLOs.");
                break;
            case SloGapBand.MissingSome:
                list.Add("Put the extra reliability time on the SLOs below target" + (missing.Length > 0 ? $": {string.Join(", ", missing)}." : "."));
                list.Add("Close the open action items from retrospectives before new features (`/slo actions`).");
                break;
            default:
                list.Add("Reliability first: half the capacity goes to the SLOs below target" + (missing.Length > 0 ? $": {string.Join(", ", missing)}." : "."));
                list.Add("Defer risky releases while budgets are exhausted (`/slo release`), and plan the fixes in the weekly review.");
                break;
        }

        if (a.CapacityHours is null)
            list.Add($"Give `capacity=HOURS` (or set `{TeamOptions.TeamsSection}:<team>:CapacityHours`) for the hours of each side.");
        return list;
    }

    private static string Name(MeasuredSlo s) => $"{s.Slo.Service} {s.Slo.Name} ({TeamFormat.Points(s.GapPoints)})";
}
