namespace SloBot.Core.Design;

/// <summary>A possible SLI (seed 000 §8.1 <c>_identify_sli_candidates</c>).</summary>
public sealed record SliCandidate(string Name, string Definition, string Measurement, string Formula, bool Recommended, IReadOnlyList<int> Percentiles)
{
    public static IReadOnlyList<SliCandidate> All { get; } =
    [
        new("availability", "Percentage of successful requests", "HTTP status codes", "successful_requests / total_requests", true, []),
        new("latency", "Request response time", "Request duration", "requests_under_threshold / total_requests", true, [50, 95, 99]),
        new("error_rate", "Percentage of failed requests", "Error responses", "1 - (error_requests / total_requests)", true, []),
        new("throughput", "Requests processed per second", "Request rate", "requests / time_period", false, []),
    ];
}
