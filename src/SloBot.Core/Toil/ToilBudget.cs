namespace SloBot.Core.Toil;

/// <summary>Seed 004 §Toil Budget Calculations, <c>ToilBudgetManager.calculate_toil_budget</c>.</summary>
public static class ToilBudget
{
    /// <summary><c>max_toil_percent</c>: the base toil budget (Google SRE recommendation).</summary>
    public const int MaxToilPercent = 50;

    public const int MinPercent = 20;

    public const int MaxPercent = 60;

    /// <summary>The document's <c>40 * team_size</c>: hours a week per engineer.</summary>
    public const int HoursPerEngineerWeek = 40;

    /// <summary>Points added to the base for the average achieved SLO in percent: ≥ 99.95 +10, ≥ 99.9 0, ≥ 99.5 −10, else −20.</summary>
    public static int Adjustment(double averageSlo) => averageSlo switch
    {
        >= 99.95 => 10,
        >= 99.9 => 0,
        >= 99.5 => -10,
        _ => -20,
    };

    /// <summary>
    /// The toil budget for an adjustment (0 when no SLO had data): base + adjustment clamped to 20–60 %, and the hours a
    /// week of toil and of automation for a team of <paramref name="teamSize"/>. <paramref name="basePercent"/> is the
    /// document's <c>max_toil_percent</c>.
    /// </summary>
    public static ToilAllowance Calculate(int adjustment, int teamSize, int basePercent = MaxToilPercent)
    {
        var percent = Math.Clamp(basePercent + adjustment, MinPercent, MaxPercent);
        var total = HoursPerEngineerWeek * teamSize;
        var toil = total * (percent / 100.0);
        return new ToilAllowance(percent, toil, total - toil, adjustment);
    }
}

/// <summary>The document's <c>calculate_toil_budget</c> result (hours per week for the whole team).</summary>
public sealed record ToilAllowance(int Percent, double ToilHoursPerWeek, double AutomationHoursPerWeek, int Adjustment);
