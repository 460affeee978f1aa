namespace SloBot.Core.Maturity;

/// <summary>One level of the 5-level maturity framework, as the document writes it.</summary>
public sealed record MaturityLevel(int Number, string Name, IReadOnlyList<string> Characteristics, IReadOnlyList<string> NextSteps);

/// <summary>Seed 004 §SLO Maturity Model, "5-Level Maturity Framework".</summary>
public static class MaturityModel
{
    public static IReadOnlyList<MaturityLevel> Levels { get; } =
    [
        new(1, "Ad-hoc Monitoring", ["Reactive incident response", "No formal SLOs", "Manual monitoring"],
            ["Define first SLOs", "Implement basic monitoring"]),
        new(2, "Basic SLOs", ["1-2 SLOs defined", "Basic error budget tracking", "Monthly reviews"],
            ["Expand SLO coverage", "Automate reporting"]),
        new(3, "Managed SLOs", ["SLOs for all critical services", "Error budget-driven decisions", "Weekly reviews", "Automated alerting"],
            ["Advanced burn rate alerts", "Predictive analysis"]),
        new(4, "Optimized SLOs", ["Comprehensive SLO framework", "Multi-window burn rate alerting", "SLO-driven roadmap", "Strong governance"],
            ["Cross-team SLO dependencies", "Advanced automation"]),
        new(5, "Continuous Improvement", ["SLO culture embedded", "Automated SLO management", "Predictive incident prevention", "Customer-facing SLAs"],
            ["Industry leadership", "Sharing best practices"]),
    ];

    public static MaturityLevel Level(int number) => Levels[number - 1];
}
