namespace SloBot.Core.Toil;

/// <summary>
/// A repetitive manual task (seed 004's <c>toil_tasks</c> entry): how often a week, how long each time, whether it is
/// error-prone, how hard it is to automate (1 a script … 5 a project) and, when known, the hours automating it would take.
/// </summary>
public sealed record ToilTask(string Name, double FrequencyPerWeek, double DurationHours, bool ErrorProne, int AutomationComplexity, double? AutomationEffortHours = null)
{
    /// <summary>Without a stated effort: a working day (8 h) per point of complexity (docs/toil.md).</summary>
    public const double EffortHoursPerComplexityPoint = 8;

    public double EffortHours => AutomationEffortHours ?? AutomationComplexity * EffortHoursPerComplexityPoint;

    /// <summary>Hours of toil a week: frequency × duration.</summary>
    public double HoursPerWeek => FrequencyPerWeek * DurationHours;
}
