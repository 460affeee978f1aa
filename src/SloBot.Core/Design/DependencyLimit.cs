using System.Globalization;

namespace SloBot.Core.Design;

/// <summary>A synchronous dependency and the availability it promises (percent), when known.</summary>
/// <param name="Source">Where the number comes from: "SLO availability", "tier critical", or "unknown".</param>
public sealed record DependencySlo(string Service, double? AvailabilityPercent, string Source);

/// <summary>
/// What synchronous dependencies allow: a request that needs all of them succeeds at most as often as the
/// product of their availabilities (seed 000 §8.1 <c>_map_dependencies</c>).
/// </summary>
public sealed record DependencyLimit(IReadOnlyList<DependencySlo> Dependencies, double? AvailabilityPercent)
{
    public static DependencyLimit Of(IReadOnlyList<DependencySlo> dependencies)
    {
        var known = dependencies.Where(d => d.AvailabilityPercent is not null).ToArray();
        double? product = known.Length == 0 ? null : known.Aggregate(1.0, (p, d) => p * d.AvailabilityPercent!.Value / 100) * 100;
        return new DependencyLimit(dependencies, product is { } p ? Math.Round(p, 6) : null);
    }

    /// <summary>A warning when the target is above what the dependencies allow, else null.</summary>
    public string? WarningFor(double targetPercent)
    {
        if (AvailabilityPercent is not { } limit || targetPercent <= limit)
            return null;
        var parts = string.Join(", ", Dependencies.Where(d => d.AvailabilityPercent is not null)
            .Select(d => $"{d.Service} {Percent(d.AvailabilityPercent!.Value)} %"));
        return $"The availability target {Percent(targetPercent)} % is above the {Percent(limit)} % its synchronous dependencies allow together ({parts}). " +
               "Raise their SLOs, make calls to them asynchronous or degradable, or lower the target.";
    }

    private static string Percent(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
