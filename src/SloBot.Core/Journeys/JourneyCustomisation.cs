using System.Globalization;
using SloBot.Core.Text;
using SloBot.Core.Tiers;

namespace SloBot.Core.Journeys;

/// <summary>One applied change, for the reply: "step 5 latency: 2000 ms → 1500 ms".</summary>
public sealed record JourneyChange(string Key, string From, string To);

/// <summary>
/// Seed 000 §10.1 <c>customize_template</c> from chat words: <c>step.5.latency=1500</c> (p95, ms), <c>step.5.success=99.9</c>
/// (percent), <c>step.5.sli=latency</c>, <c>criticality=critical</c>, <c>frequency=hourly</c>; also <c>step=5 latency=1500</c>.
/// The template itself is not changed.
/// </summary>
public static class JourneyCustomisation
{
    /// <summary>The longest p95 a step may be given: one day, in milliseconds.</summary>
    public const double MaxLatencyMs = 86_400_000;

    public static readonly IReadOnlyList<string> StepFields = ["latency", "success", "sli"];
    public static readonly IReadOnlyList<string> JourneyFields = ["criticality", "frequency"];
    public static readonly IReadOnlyList<string> SliTypes = ["availability", "latency", "error_rate", "completeness", "quality", "freshness"];

    public static (JourneyTemplate Journey, IReadOnlyList<JourneyChange> Changes, IReadOnlyList<string> Problems) Apply(
        JourneyTemplate template, IEnumerable<KeyValuePair<string, string>> customisations)
    {
        var journey = template;
        var changes = new List<JourneyChange>();
        var problems = new List<string>();
        foreach (var (key, value) in WithStepOption(customisations.ToArray(), problems))
        {
            var parts = key.ToLowerInvariant().Split('.');
            if (parts.Length == 1 && JourneyFields.Contains(parts[0]))
            {
                journey = Journey(journey, parts[0], value, changes, problems);
                continue;
            }

            if (parts.Length != 3 || parts[0] != "step")
            {
                var known = JourneyFields.Concat(StepFields.Select(f => $"step.N.{f}")).ToArray();
                var hint = DidYouMean.HintOr(".", key, known);
                problems.Add($"`{key}` is not something a journey can change{hint} You can set {string.Join(", ", known.Select(k => $"`{k}`"))}, e.g. `step.5.latency=1500`.");
                continue;
            }

            if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var number) || journey.Step(number) is not { } step)
            {
                problems.Add($"{journey.Name} has no step `{parts[1]}`; its steps are 1–{journey.Steps.Count} ({string.Join(", ", journey.Steps.Select(s => $"{s.Number} {s.Name}"))}).");
                continue;
            }

            if (StepChange(step, parts[2], value, problems) is { } changed)
            {
                changes.Add(new JourneyChange($"step.{number}.{parts[2]}", Describe(step, parts[2]), Describe(changed, parts[2])));
                journey = journey with { Steps = journey.Steps.Select(s => s.Number == number ? changed : s).ToArray() };
            }
        }

        return (journey, changes, problems);
    }

    /// <summary>
    /// The form platforms with typed options send (Discord): <c>step=5 latency=1500</c> means <c>step.5.latency=1500</c>.
    /// </summary>
    private static IEnumerable<KeyValuePair<string, string>> WithStepOption(KeyValuePair<string, string>[] pairs, List<string> problems)
    {
        var step = pairs.FirstOrDefault(p => p.Key.Equals("step", StringComparison.OrdinalIgnoreCase)).Value;
        foreach (var (key, value) in pairs)
        {
            if (key.Equals("step", StringComparison.OrdinalIgnoreCase))
                continue;
            if (StepFields.Contains(key.ToLowerInvariant()))
            {
                if (step is null)
                    problems.Add($"Which step should `{key}={value}` change? Write `step.N.{key.ToLowerInvariant()}={value}` (or `step=N {key.ToLowerInvariant()}={value}`).");
                else
                    yield return KeyValuePair.Create($"step.{step.Trim()}.{key.ToLowerInvariant()}", value);
                continue;
            }

            yield return KeyValuePair.Create(key, value);
        }

        if (step is not null && !pairs.Any(p => StepFields.Contains(p.Key.ToLowerInvariant())))
            problems.Add($"`step={step}` needs what to change: `latency=…` (ms), `success=…` (percent) or `sli=…`.");
    }

    private static JourneyTemplate Journey(JourneyTemplate journey, string field, string value, List<JourneyChange> changes, List<string> problems)
    {
        if (field == "frequency")
        {
            changes.Add(new JourneyChange(field, journey.Frequency, value));
            return journey with { Frequency = value };
        }

        if (!ServiceTierNames.TryParse(value, out var tier))
        {
            problems.Add($"`{value}` is not a criticality; choose one of {string.Join(", ", ServiceTierNames.All.Select(t => $"`{t.ToWord()}`"))}.");
            return journey;
        }

        changes.Add(new JourneyChange(field, journey.BusinessCriticality, tier.ToWord()));
        return journey with { BusinessCriticality = tier.ToWord() };
    }

    private static JourneyStep? StepChange(JourneyStep step, string field, string value, List<string> problems)
    {
        switch (field)
        {
            case "latency":
                if (Milliseconds(value) is { } ms)
                    return step with { ExpectedLatencyP95Ms = ms };
                problems.Add($"`step.{step.Number}.latency={value}`: expected the p95 latency in milliseconds, above 0 and at most {MaxLatencyMs.ToString("N0", CultureInfo.InvariantCulture)} (one day), e.g. `step.{step.Number}.latency=1500` (or `1.5s`).");
                return null;
            case "success":
                if (double.TryParse(value.TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) && percent is > 0 and <= 100)
                    return step with { ExpectedSuccessRate = percent };
                problems.Add($"`step.{step.Number}.success={value}`: expected a success rate in percent, above 0 and at most 100, e.g. `step.{step.Number}.success=99.9`.");
                return null;
            case "sli":
                if (SliTypes.FirstOrDefault(t => t.Equals(value.Replace('-', '_'), StringComparison.OrdinalIgnoreCase)) is { } type)
                    return step with { SliType = type };
                var hint = DidYouMean.HintOr(".", value, SliTypes);
                problems.Add($"`{value}` is not an SLI type{hint} Choose one of {string.Join(", ", SliTypes.Select(t => $"`{t}`"))}.");
                return null;
            default:
                var fieldHint = DidYouMean.HintOr(".", field, StepFields, f => $"step.{step.Number}.{f}");
                problems.Add($"A step has no `{field}`{fieldHint} Steps have {string.Join(", ", StepFields.Select(s => $"`{s}`"))}.");
                return null;
        }
    }

    private static double? Milliseconds(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        var scale = 1.0;
        if (t.EndsWith("ms", StringComparison.Ordinal))
            t = t[..^2];
        else if (t.EndsWith('s'))
            (t, scale) = (t[..^1], 1000);
        return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v * scale is > 0 and <= MaxLatencyMs ? v * scale : null;
    }

    private static string Describe(JourneyStep step, string field) => field switch
    {
        "latency" => $"{step.ExpectedLatencyP95Ms.ToString("0.###", CultureInfo.InvariantCulture)} ms",
        "success" => $"{step.ExpectedSuccessRate.ToString("0.###", CultureInfo.InvariantCulture)} %",
        _ => step.SliType,
    };
}
