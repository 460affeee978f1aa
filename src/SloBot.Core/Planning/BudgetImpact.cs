namespace SloBot.Core.Planning;

/// <summary>
/// SloBot's <c>_calculate_budget_impact(current_slo, proposed)</c>, which the document calls but leaves out
/// (docs/planning.md): the error budget of each target in minutes of full outage per SLO window, and the change.
/// Positive <see cref="ChangeMinutes"/>: the proposal gives the team more budget; negative: less.
/// </summary>
public sealed record BudgetImpact(double CurrentMinutes, double ProposedMinutes, double WindowMinutes)
{
    public double ChangeMinutes => ProposedMinutes - CurrentMinutes;

    /// <summary>(100 − target) ÷ 100 × the window in minutes, for both targets (percent).</summary>
    public static BudgetImpact Of(double currentPercent, double proposedPercent, TimeSpan window)
    {
        var minutes = window.TotalMinutes;
        return new BudgetImpact(Minutes(currentPercent, minutes), Minutes(proposedPercent, minutes), minutes);
    }

    private static double Minutes(double targetPercent, double windowMinutes) => (100 - targetPercent) / 100 * windowMinutes;
}
