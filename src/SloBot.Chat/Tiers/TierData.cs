using SloBot.Core.Tiers;

namespace SloBot.Chat.Tiers;

/// <summary>
/// The <c>--json</c> contract of <c>/slo tier</c> (issue 6): scores are 0–100 per tier, confidence 0–100,
/// availability in percent, latency in milliseconds, error rate as a ratio, downtime in seconds per 30-day month.
/// </summary>
public sealed record TierData(
    string Service,
    string RecommendedTier,
    IReadOnlyDictionary<string, double> Scores,
    double Confidence,
    IReadOnlyList<KeyFactorData> KeyFactors,
    TierTargetsData Targets,
    InvestmentData InvestmentRequirements,
    IReadOnlyList<string> NextSteps)
{
    public static TierData From(string service, TierRecommendation r) => new(
        service,
        r.Recommended.ToWord(),
        ServiceTierNames.All.ToDictionary(t => t.ToWord(), r.ScoreFor),
        r.Confidence,
        r.KeyFactors.Select(f => new KeyFactorData(f.Factor, f.Value, f.Influence)).ToArray(),
        TierTargetsData.From(r.Profile),
        new InvestmentData(r.Profile.Investment.Infrastructure, r.Profile.Investment.Team, r.Profile.Investment.CostMultiplier),
        r.NextSteps);
}

public sealed record KeyFactorData(string Factor, string Value, string Influence);

public sealed record TierTargetsData(double Availability, double LatencyP99Ms, double ErrorRateMax, double DowntimePerMonthSeconds)
{
    public static TierTargetsData From(TierProfile p) =>
        new(p.AvailabilityPercent, p.LatencyP99Ms, p.ErrorRateMax, p.DowntimePerMonth.TotalSeconds);
}

public sealed record InvestmentData(IReadOnlyList<string> Infrastructure, IReadOnlyList<string> Team, string CostMultiplier);
