namespace SloBot.Core.Tiers;

/// <summary>The four service tiers of seed 000 §8.1 (<c>_determine_service_tier</c>), most demanding first.</summary>
public enum ServiceTier
{
    Critical,
    Essential,
    Standard,
    BestEffort,
}

public static class ServiceTierNames
{
    /// <summary>The tiers in the document's order; ties between scores go to the earlier one, as Python's <c>max</c> does.</summary>
    public static IReadOnlyList<ServiceTier> All { get; } = [ServiceTier.Critical, ServiceTier.Essential, ServiceTier.Standard, ServiceTier.BestEffort];

    /// <summary>The document's spelling: critical, essential, standard, best_effort.</summary>
    public static string ToWord(this ServiceTier tier) => tier switch
    {
        ServiceTier.Critical => "critical",
        ServiceTier.Essential => "essential",
        ServiceTier.Standard => "standard",
        _ => "best_effort",
    };

    /// <summary>"Best effort" for people.</summary>
    public static string ToTitle(this ServiceTier tier) => tier switch
    {
        ServiceTier.Critical => "Critical",
        ServiceTier.Essential => "Essential",
        ServiceTier.Standard => "Standard",
        _ => "Best effort",
    };

    /// <summary>Accepts "critical", "best_effort", "best-effort", "besteffort", "Best Effort" (case-insensitive).</summary>
    public static bool TryParse(string? text, out ServiceTier tier)
    {
        tier = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var key = text.Trim().Replace('-', '_').Replace(' ', '_').ToLowerInvariant();
        foreach (var t in All)
        {
            if (key == t.ToWord() || key == t.ToWord().Replace("_", "", StringComparison.Ordinal))
            {
                tier = t;
                return true;
            }
        }

        return false;
    }
}
