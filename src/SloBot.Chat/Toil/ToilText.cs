using System.Globalization;
using Humanizer;
using SloBot.Chat.Teams;
using SloBot.Core.Toil;

namespace SloBot.Chat.Toil;

/// <summary>How toil reads to a person, and SloBot's <c>_generate_toil_recommendation</c> (the document leaves it out).</summary>
internal static class ToilText
{
    /// <summary>"2 × a week, 1 hour, 30 minutes each (3 hours a week)".</summary>
    public static string Load(ToilTask t) =>
        $"{Times(t.FrequencyPerWeek)} a week, {TeamFormat.Hours(t.DurationHours)} each ({TeamFormat.Hours(t.HoursPerWeek)} a week)";

    public static string Times(double frequency) => frequency.ToString("0.##", CultureInfo.InvariantCulture) + " ×";

    /// <summary>"1.8 months", "2.5 weeks" under a month, "never (no time to save)".</summary>
    public static string Roi(double? months) => months switch
    {
        null => "never (no time to save)",
        < 1 => $"{(months.Value * AutomationPriority.WeeksPerMonth).ToString("0.#", CultureInfo.InvariantCulture)} weeks",
        _ => $"{months.Value.ToString("0.#", CultureInfo.InvariantCulture)} months",
    };

    public static string Score(double score) => score.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Recommendation(ToilAllowance budget, double recordedHours) =>
        Band(budget.Percent) + " " + (recordedHours <= budget.ToilHoursPerWeek
            ? $"The recorded toil ({TeamFormat.Hours(recordedHours)} a week) is within the budget of {TeamFormat.Hours(budget.ToilHoursPerWeek)}."
            : $"The recorded toil ({TeamFormat.Hours(recordedHours)} a week) is over the budget of {TeamFormat.Hours(budget.ToilHoursPerWeek)} by {TeamFormat.Hours(recordedHours - budget.ToilHoursPerWeek)}: automate from the top of the list.");

    private static string Band(int percent) => percent switch
    {
        >= 60 => "The SLOs are exceeded (average ≥ 99.95 %): the team can carry up to 60 % toil, but automating the top task still pays.",
        >= 50 => "The SLOs are met (average ≥ 99.9 %): keep toil at or under half the time.",
        >= 40 => "The SLOs are below target (average under 99.9 %): cut toil to 40 % and put the time into automation and reliability.",
        _ => "The SLOs are well below target (average under 99.5 %): minimise toil; automation and reliability work come first.",
    };

    public static string Count(int n) => "task".ToQuantity(n);
}
