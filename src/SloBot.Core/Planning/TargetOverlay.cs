using SloBot.Core.Catalog;

namespace SloBot.Core.Planning;

/// <summary>A target approved in a quarterly plan (a ratio), in force from <see cref="EffectiveFrom"/> (the quarter's start).</summary>
public sealed record TargetOverride(SloId Slo, double Target, DateTimeOffset EffectiveFrom, string Quarter);

/// <summary>
/// The catalog as it stands at an instant once approved targets apply: each SLO takes the target of its latest override
/// in force (effective at or before <c>now</c>); SLOs without one, and overrides naming SLOs the catalog no longer has, change nothing.
/// </summary>
public static class TargetOverlay
{
    public static IReadOnlyList<ServiceDefinition> Apply(IReadOnlyList<ServiceDefinition> services, IReadOnlyList<TargetOverride> overrides, DateTimeOffset now)
    {
        var active = InForce(overrides, now);
        if (active.Count == 0)
            return services;
        return services.Select(s => s.Slos.Any(o => active.ContainsKey(o.Id))
            ? s with { Slos = s.Slos.Select(o => active.TryGetValue(o.Id, out var t) && t.Target != o.Target ? o with { Target = t.Target } : o).ToArray() }
            : s).ToArray();
    }

    /// <summary>The override in force for each SLO at <paramref name="now"/>: the latest effective one.</summary>
    public static IReadOnlyDictionary<SloId, TargetOverride> InForce(IReadOnlyList<TargetOverride> overrides, DateTimeOffset now) =>
        overrides.Where(o => o.EffectiveFrom <= now).GroupBy(o => o.Slo).ToDictionary(g => g.Key, g => g.MaxBy(o => o.EffectiveFrom)!);
}
