namespace SloBot.Core.Journeys;

/// <summary>A user journey template (seed 000 §10): who does what how often, step by step.</summary>
/// <param name="Key">The document's name: <c>checkout</c>, <c>product_browse</c> (its <c>get_&lt;key&gt;_journey</c>).</param>
public sealed record JourneyTemplate(
    string Category,
    string Key,
    string Name,
    string Description,
    string Persona,
    string Frequency,
    string BusinessCriticality,
    IReadOnlyList<JourneyStep> Steps,
    IReadOnlyList<SliOverride> SliOverrides)
{
    public JourneyStep? Step(int number) => Steps.FirstOrDefault(s => s.Number == number);
}

/// <summary>One step. <see cref="ExpectedSuccessRate"/> is a percent; <see cref="ExpectedLatencyP95Ms"/> milliseconds.</summary>
/// <param name="Async">Off the user's critical path (the document's <c>async: True</c>).</param>
public sealed record JourneyStep(
    int Number,
    string Name,
    string Action,
    double ExpectedLatencyP95Ms,
    double ExpectedSuccessRate,
    string SliType,
    IReadOnlyList<string> Dependencies,
    bool Async = false);

/// <summary>A journey-wide SLI the template adds (the data pipeline's freshness).</summary>
public sealed record SliOverride(string Name, double Target, double? ThresholdMinutes, string Description);

/// <summary>The document's category keys and the spellings people type.</summary>
public static class JourneyCategories
{
    public static IReadOnlyList<string> All { get; } = ["ecommerce", "saas", "data_pipeline"];

    public static string Title(string category) => category switch
    {
        "ecommerce" => "E-commerce",
        "saas" => "SaaS",
        _ => "Data pipeline",
    };

    /// <summary>"e-commerce", "E_Commerce", "data-pipeline", "datapipeline" … → the document's key, else null.</summary>
    public static string? Normalise(string text)
    {
        var squashed = Squash(text);
        return All.FirstOrDefault(c => Squash(c) == squashed);
    }

    internal static string Squash(string text) =>
        new string(text.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();
}
