using SloBot.Core.Planning;

namespace SloBot.Chat.Planning;

/// <summary>Where a piece of reliability work comes from.</summary>
public enum InitiativeSource
{
    /// <summary>A proposal whose target is above what the SLO achieved (the document's <c>gap &gt; 0</c>).</summary>
    Gap,

    /// <summary>An open action item (from a retrospective or a weekly review).</summary>
    ActionItem,
}

/// <summary>
/// A candidate for the roadmap (docs/planning.md): impact in SLI points it should gain (known for a gap: the gap itself),
/// effort in engineer-weeks (never known to SloBot; the team gives it in <c>/slo plan start</c>).
/// </summary>
public sealed record PlanInitiative(string Key, InitiativeSource Source, string Title, string? Service, string? Slo, double? ImpactPoints, double? EffortWeeks)
{
    public bool Rated => ImpactPoints is not null && EffortWeeks is > 0;

    public static string GapKey(string service, string slo) => $"gap:{service}/{slo}";

    public static string ActionKey(int id) => $"action:{id}";
}

public static class PlanRoadmap
{
    /// <summary>The rated initiatives in the document's order and sums; the unrated ones, in their order, to be rated.</summary>
    public static (Roadmap<PlanInitiative> Rated, IReadOnlyList<PlanInitiative> Unrated) Of(IReadOnlyList<PlanInitiative> work) => (
        ReliabilityRoadmap.Order(work.Where(w => w.Rated).Select(w => new RatedInitiative<PlanInitiative>(w, w.ImpactPoints!.Value, w.EffortWeeks!.Value))),
        work.Where(w => !w.Rated).ToArray());
}
