using SloBot.Core.Toil;

namespace SloBot.Chat.Toil;

/// <summary>The <c>--json</c> shape of a toil task (docs/balance-and-toil.md): hours in hours, times per week, ROI in months.</summary>
internal static class ToilData
{
    public static object Task(StoredToilTask s) => Task(s, AutomationPriority.Score(s.Task), AutomationPriority.RoiMonths(s.Task));

    public static object Task(StoredToilTask s, double score, double? roiMonths) => new
    {
        id = s.Id,
        name = s.Task.Name,
        frequencyPerWeek = s.Task.FrequencyPerWeek,
        durationHours = s.Task.DurationHours,
        hoursPerWeek = s.Task.HoursPerWeek,
        errorProne = s.Task.ErrorProne,
        automationComplexity = s.Task.AutomationComplexity,
        automationEffortHours = s.Task.EffortHours,
        automationEffortStated = s.Task.AutomationEffortHours is not null,
        automationScore = score,
        roiMonths,
        addedBy = s.AddedBy,
        addedAt = s.AddedAt.ToUniversalTime(),
    };
}
