namespace SloBot.Core.Budgets;

/// <summary>
/// One entry of seed 004's <c>slo_performance</c> (§Reliability vs Feature Velocity, §Toil Budget Calculations): the
/// achieved SLI and the target of one SLO with data, in percent as the document writes them (99.9, not 0.999).
/// </summary>
public readonly record struct SloPerformance(double Actual, double Target)
{
    /// <summary>From SloBot's ratios; <c>× 100</c> is rounded to 10 decimals so 0.999 is 99.9, not 99.89999999999999.</summary>
    public static SloPerformance FromRatios(double sli, double target) => new(Percent(sli), Percent(target));

    public static double Percent(double ratio) => Math.Round(ratio * 100, 10);

    /// <summary>The document's <c>sum(s['actual'] …) / len(…)</c>, summed left to right. Throws on an empty list, as the document does.</summary>
    public static double AverageActual(IReadOnlyList<SloPerformance> slos) => Average(slos, s => s.Actual);

    /// <summary>The document's <c>sum(s['target'] …) / len(…)</c>.</summary>
    public static double AverageTarget(IReadOnlyList<SloPerformance> slos) => Average(slos, s => s.Target);

    private static double Average(IReadOnlyList<SloPerformance> slos, Func<SloPerformance, double> value)
    {
        if (slos.Count == 0)
            throw new ArgumentException("The average of no SLOs is undefined; exclude the case before asking.", nameof(slos));
        var sum = 0.0;
        foreach (var s in slos)
            sum += value(s);
        return sum / slos.Count;
    }
}
