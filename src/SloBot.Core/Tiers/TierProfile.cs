namespace SloBot.Core.Tiers;

/// <summary>What a tier promises and costs (seed 000 §8.1 <c>_determine_service_tier</c>, §9.1 <c>_get_tier_targets</c> and <c>_get_investment_requirements</c>).</summary>
/// <param name="AvailabilityPercent">Availability target in percent (99.95).</param>
/// <param name="LatencyP99Ms">p99 latency target in milliseconds.</param>
/// <param name="ErrorRateMax">Maximum error rate as a ratio (0.001 = 0.1 %).</param>
public sealed record TierProfile(
    ServiceTier Tier,
    string Description,
    IReadOnlyList<string> Examples,
    double AvailabilityPercent,
    double LatencyP99Ms,
    double ErrorRateMax,
    string InvestmentLevel,
    InvestmentRequirements Investment)
{
    /// <summary>The month the document's downtime figures use: 30 days (its SLO window).</summary>
    public static readonly TimeSpan Month = TimeSpan.FromDays(30);

    /// <summary>Availability as a ratio (0.9995).</summary>
    public double AvailabilityRatio => AvailabilityPercent / 100;

    /// <summary>The error budget as a ratio: (100 − availability %) ÷ 100.</summary>
    public double ErrorBudgetRatio => (100 - AvailabilityPercent) / 100;

    /// <summary>Full-outage time the availability target allows in a 30-day month (21.6 minutes at 99.95 %).</summary>
    public TimeSpan DowntimePerMonth => TimeSpan.FromSeconds(Math.Round(Month.TotalSeconds * ErrorBudgetRatio, 3));
}

/// <summary>Infrastructure, team and cost a tier needs (seed 000 §9.1 <c>_get_investment_requirements</c>).</summary>
public sealed record InvestmentRequirements(IReadOnlyList<string> Infrastructure, IReadOnlyList<string> Team, string CostMultiplier);

public static class TierProfiles
{
    public static TierProfile Critical { get; } = new(
        ServiceTier.Critical, "Revenue-critical or safety-critical services", ["payment processing", "authentication"],
        99.95, 100, 0.001, "maximum",
        new(["Multi-region deployment", "Active-active redundancy", "Automated failover", "Circuit breakers", "Advanced monitoring"],
            ["24/7 on-call rotation", "Dedicated SRE support", "Regular DR drills", "Chaos engineering"],
            "3-4x baseline"));

    public static TierProfile Essential { get; } = new(
        ServiceTier.Essential, "Core business functionality", ["search", "product catalog"],
        99.9, 500, 0.01, "high",
        new(["Multi-AZ deployment", "Load balancing", "Database replication", "Comprehensive monitoring"],
            ["Business hours on-call", "SLO reviews", "Incident response", "Performance testing"],
            "2-3x baseline"));

    public static TierProfile Standard { get; } = new(
        ServiceTier.Standard, "Standard features", ["recommendations", "analytics"],
        99.5, 1000, 0.05, "moderate",
        new(["Basic redundancy", "Standard monitoring", "Backup systems"],
            ["Best-effort on-call", "Monthly reviews", "Basic testing"],
            "1.5-2x baseline"));

    public static TierProfile BestEffort { get; } = new(
        ServiceTier.BestEffort, "Non-critical features", ["batch processing", "reporting"],
        99.0, 2000, 0.1, "minimal",
        new(["Single deployment", "Basic monitoring", "Manual recovery"],
            ["No dedicated on-call", "Quarterly reviews", "Manual testing"],
            "1x baseline"));

    public static IReadOnlyList<TierProfile> All { get; } = [Critical, Essential, Standard, BestEffort];

    public static TierProfile For(ServiceTier tier) => All[(int)tier];

    /// <summary>Seed 000 §9.1 <c>_generate_next_steps</c>.</summary>
    public static IReadOnlyList<string> NextSteps(ServiceTier tier) =>
    [
        $"Review and validate {tier.ToWord()} tier selection with stakeholders",
        "Define specific SLO targets based on tier guidelines",
        "Assess current infrastructure against tier requirements",
        "Identify gaps and create remediation plan",
        "Establish monitoring and alerting",
        "Create runbooks and documentation",
        "Set up SLO dashboard",
        "Schedule regular SLO reviews",
    ];
}
