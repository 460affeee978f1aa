namespace SloBot.Core.Journeys;

/// <summary>An SLI a journey step implies. <see cref="TargetPercent"/> is the share of good events the step expects.</summary>
/// <param name="Primary">True for the SLI of the step's <c>sli_type</c>.</param>
public sealed record DerivedSli(int Step, string StepName, string Kind, double TargetPercent, string Good, bool Primary, double? ThresholdMs);

/// <summary>The SLIs of a whole journey: per step, and end to end over the steps on the user's critical path.</summary>
/// <param name="EndToEndSuccessPercent">Product of the synchronous steps' success rates: what a user going through every step sees at best.</param>
/// <param name="LatencyBudgetMs">Sum of the synchronous steps' p95 latencies: the journey's latency budget.</param>
public sealed record JourneySliSet(
    JourneyTemplate Journey,
    IReadOnlyList<DerivedSli> Slis,
    double EndToEndSuccessPercent,
    double LatencyBudgetMs,
    IReadOnlyList<JourneyStep> OffCriticalPath,
    IReadOnlyList<SliOverride> JourneySlis);

/// <summary>
/// Derives SLIs from a journey's steps: each step gets a success SLI (its <c>sli_type</c>, or availability when that
/// type is latency) with the step's expected success rate, and a latency SLI (95 % within its p95). The step's own
/// <c>sli_type</c> is marked primary.
/// </summary>
public static class JourneySlis
{
    public static JourneySliSet Derive(JourneyTemplate journey)
    {
        var slis = new List<DerivedSli>();
        foreach (var step in journey.Steps)
        {
            var kind = step.SliType == "latency" ? "availability" : step.SliType;
            slis.Add(new DerivedSli(step.Number, step.Name, kind, step.ExpectedSuccessRate, Good(kind, step), step.SliType != "latency", null));
            slis.Add(new DerivedSli(step.Number, step.Name, "latency", 95, $"`{step.Action}` done within {step.ExpectedLatencyP95Ms:0.###} ms",
                step.SliType == "latency", step.ExpectedLatencyP95Ms));
        }

        var critical = journey.Steps.Where(s => !s.Async).ToArray();
        var success = critical.Aggregate(1.0, (p, s) => p * s.ExpectedSuccessRate / 100) * 100;
        return new JourneySliSet(journey, slis, Math.Round(success, 6), critical.Sum(s => s.ExpectedLatencyP95Ms),
            journey.Steps.Where(s => s.Async).ToArray(), journey.SliOverrides);
    }

    private static string Good(string kind, JourneyStep step) => kind switch
    {
        "error_rate" => $"`{step.Action}` requests without an error",
        "completeness" => $"records of `{step.Action}` processed completely",
        "quality" => $"records passing `{step.Action}` checks",
        "freshness" => $"`{step.Action}` output fresh",
        _ => $"`{step.Action}` requests that succeed",
    };
}
