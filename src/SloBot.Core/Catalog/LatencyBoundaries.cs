using System.Globalization;

namespace SloBot.Core.Catalog;

/// <summary>
/// A latency SLO counts whole buckets of a classic histogram: its threshold must be one of the histogram's <c>le</c>
/// boundaries. Anything else is a problem naming the nearest boundaries, never an interpolated guess.
/// </summary>
public static class LatencyBoundaries
{
    /// <summary>"payment/latency-p99 (payment.yaml:14)": the SLO and where the catalog declares it.</summary>
    public static string Named(SloDefinition slo) => slo.SourceFile is { } file
        ? $"{slo.Id} ({file}{(slo.SourceLine is { } line ? $":{line}" : "")})"
        : slo.Id.ToString();

    /// <summary>Reads <c>le</c> label values ("0.25", "1e+00", "+Inf") as numbers, sorted; values that are not numbers are left out.</summary>
    public static IReadOnlyList<double> Parse(IEnumerable<string> leValues) => leValues
        .Select(v => v.Trim() is "+Inf" or "Inf" or "+inf" ? double.PositiveInfinity
            : double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : double.NaN)
        .Where(d => !double.IsNaN(d))
        .Distinct()
        .Order()
        .ToArray();

    /// <summary>
    /// Null when the threshold of <paramref name="slo"/> is one of <paramref name="boundaries"/> (or the SLO is not a
    /// latency SLO, or the histogram has no boundaries yet); else the problem, naming the nearest boundaries.
    /// </summary>
    public static string? Problem(SloDefinition slo, IReadOnlyList<double> boundaries)
    {
        if (slo.Indicator.Latency is not { } latency || boundaries.Count == 0)
            return null;
        var threshold = latency.Seconds;
        if (boundaries.Any(b => Same(b, threshold)))
            return null;
        var below = boundaries.Where(b => b < threshold).Select(b => (double?)b).LastOrDefault();
        var above = boundaries.Where(b => b > threshold && !double.IsPositiveInfinity(b)).Select(b => (double?)b).FirstOrDefault();
        var nearest = (below, above) switch
        {
            ({ } b, { } a) => $"the nearest boundaries are {Text(b)} and {Text(a)}",
            ({ } b, null) => $"it is above the largest boundary, {Text(b)} (only +Inf is above it)",
            (null, { } a) => $"it is below the smallest boundary, {Text(a)}",
            _ => "the histogram has no finite boundaries",
        };
        var choices = string.Join(" or ", new[] { below, above }.OfType<double>().Select(Text));
        return $"{Named(slo)}: the latency threshold {Text(threshold)} is not a bucket boundary of {latency.Bucket}; {nearest} "
            + $"(its boundaries: {string.Join(", ", boundaries.Select(Text))}). SloBot counts whole buckets and never interpolates between them: "
            + (choices.Length > 0 ? $"set the objective's value to {choices}, or add a {Text(threshold)} bucket to the histogram." : $"add a {Text(threshold)} bucket to the histogram.");
    }

    private static bool Same(double a, double b) => a == b || (double.IsFinite(a) && double.IsFinite(b) && Math.Abs(a - b) <= 1e-9 * Math.Max(Math.Abs(a), Math.Abs(b)));

    private static string Text(double value) => double.IsPositiveInfinity(value) ? "+Inf" : value.ToString("0.###############", CultureInfo.InvariantCulture);
}
