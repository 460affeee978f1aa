namespace SloBot.Core.Toil;

/// <summary>Seed 004 <c>ToilBudgetManager.prioritize_automation</c>: the score, and the ROI the document calls but leaves out.</summary>
public static class AutomationPriority
{
    /// <summary>Weeks in a month for the ROI: 52 ÷ 12.</summary>
    public const double WeeksPerMonth = 52.0 / 12;

    /// <summary><c>_calculate_automation_priority</c>: frequency × 10 + duration × 5 + 20 if error-prone − complexity × 2.</summary>
    public static double Score(ToilTask task)
    {
        var frequency = task.FrequencyPerWeek * 10;
        var duration = task.DurationHours * 5;
        var errorProne = task.ErrorProne ? 20 : 0;
        var complexity = -task.AutomationComplexity * 2;
        return frequency + duration + errorProne + complexity;
    }

    /// <summary>
    /// SloBot's <c>_calculate_roi</c> (docs/toil.md): months until automating pays for itself, effort hours ÷ toil hours a
    /// month (frequency × duration × 52 ÷ 12). Null when the task takes no time (it never pays back).
    /// </summary>
    public static double? RoiMonths(ToilTask task)
    {
        var monthly = task.FrequencyPerWeek * task.DurationHours * 52 / 12;
        return monthly > 0 ? task.EffortHours / monthly : null;
    }

    /// <summary>Highest score first; equal scores keep their order (the document's stable <c>sorted(…, reverse=True)</c>).</summary>
    public static IReadOnlyList<RankedToilTask<T>> Rank<T>(IEnumerable<T> items, Func<T, ToilTask> task) =>
        items.Select(i => new RankedToilTask<T>(i, Score(task(i)), RoiMonths(task(i)))).OrderByDescending(r => r.Score).ToArray();
}

/// <summary>A task with its automation score and ROI in months (null: never pays back).</summary>
public sealed record RankedToilTask<T>(T Item, double Score, double? RoiMonths);
