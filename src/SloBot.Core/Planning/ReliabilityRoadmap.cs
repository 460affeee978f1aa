namespace SloBot.Core.Planning;

/// <summary>
/// A piece of reliability work with its estimates (docs/planning.md): <paramref name="Impact"/> the SLI points it should
/// gain, <paramref name="Effort"/> engineer-weeks (positive: the document divides by it).
/// </summary>
public sealed record RatedInitiative<T>(T Item, double Impact, double Effort)
{
    /// <summary>The document's sort key, <c>impact / effort</c>.</summary>
    public double Priority => Impact / Effort;
}

/// <summary>The document's roadmap: initiatives by priority, with the sums it reports.</summary>
public sealed record Roadmap<T>(IReadOnlyList<RatedInitiative<T>> Initiatives, double TotalEffort, double ProjectedImprovement);

/// <summary>Seed 004 <c>QuarterlySLOPlanning._plan_reliability_roadmap</c>.</summary>
public static class ReliabilityRoadmap
{
    /// <summary>The document's <c>gap = proposed_target - actual_performance</c>, in points; work is planned when it is above 0.</summary>
    public static double Gap(TargetProposal proposal) => proposal.ProposedPercent - proposal.ActualPercent;

    public static bool NeedsWork(TargetProposal proposal) => Gap(proposal) > 0;

    /// <summary>
    /// <c>sorted(initiatives, key=impact / effort, reverse=True)</c>: highest first, equal priorities in their given
    /// order (Python's sort is stable under reverse), and <c>total_effort</c> / <c>projected_improvement</c> summed
    /// left to right over the sorted list. An effort that is not positive is refused (the document would divide by zero).
    /// </summary>
    public static Roadmap<T> Order<T>(IEnumerable<RatedInitiative<T>> initiatives)
    {
        var list = initiatives.ToArray();
        if (list.FirstOrDefault(i => !(i.Effort > 0) || !double.IsFinite(i.Effort) || !double.IsFinite(i.Impact)) is { } bad)
            throw new ArgumentException($"An initiative needs a positive, finite effort and a finite impact (got impact {bad.Impact}, effort {bad.Effort}).", nameof(initiatives));
        var sorted = list.OrderByDescending(i => i.Priority).ToArray();
        var effort = 0.0;
        var impact = 0.0;
        foreach (var i in sorted)
        {
            effort += i.Effort;
            impact += i.Impact;
        }

        return new Roadmap<T>(sorted, effort, impact);
    }
}
