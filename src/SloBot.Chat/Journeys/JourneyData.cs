using SloBot.Core.Journeys;

namespace SloBot.Chat.Journeys;

/// <summary>
/// The <c>--json</c> form of journeys: the template as in seed 000 §10 (snake_case values, success rates in percent,
/// latencies in milliseconds) plus the derived SLIs (targets in percent) and the changes applied.
/// </summary>
internal static class JourneyData
{
    public static object Template(JourneyTemplate j) => new
    {
        category = j.Category,
        key = j.Key,
        name = j.Name,
        description = j.Description,
        persona = j.Persona,
        frequency = j.Frequency,
        businessCriticality = j.BusinessCriticality,
        steps = j.Steps.Select(s => new
        {
            stepNumber = s.Number,
            name = s.Name,
            action = s.Action,
            expectedLatencyP95Ms = s.ExpectedLatencyP95Ms,
            expectedSuccessRate = s.ExpectedSuccessRate,
            sliType = s.SliType,
            dependencies = s.Dependencies,
            async = s.Async,
        }).ToArray(),
        sliOverrides = j.SliOverrides.Select(o => new { name = o.Name, target = o.Target, thresholdMinutes = o.ThresholdMinutes, description = o.Description }).ToArray(),
    };

    public static object Derived(JourneySliSet set, IReadOnlyList<JourneyChange> changes) => new
    {
        journey = Template(set.Journey),
        customisations = changes.Select(c => new { key = c.Key, from = c.From, to = c.To }).ToArray(),
        slis = set.Slis.Select(s => new { step = s.Step, stepName = s.StepName, kind = s.Kind, target = s.TargetPercent, good = s.Good, primary = s.Primary, thresholdMs = s.ThresholdMs }).ToArray(),
        endToEndSuccess = set.EndToEndSuccessPercent,
        latencyBudgetMs = set.LatencyBudgetMs,
        offCriticalPath = set.OffCriticalPath.Select(s => s.Number).ToArray(),
    };
}
