namespace SloBot.Core.Releases;

public enum RiskLevel
{
    Low,
    Medium,
    High,
}

/// <summary>One thing that made a release riskier, with the points it added.</summary>
/// <param name="Factor">The document's key: lines_changed, touches_critical_path, has_db_migration, changes_external_apis, test_coverage.</param>
public sealed record RiskFactor(string Factor, int Points);

/// <summary>The score, its level and the factors that added to it (in the document's order).</summary>
public sealed record RiskAssessment(int Score, RiskLevel Level, IReadOnlyList<RiskFactor> Factors);

/// <summary>Release risk scoring, exactly as the document scores it.</summary>
public static class ReleaseRisk
{
    // seed 004 §Release Decision Framework, ReleaseDecisionFramework._assess_release_risk (thresholds and points).
    public const int ManyLines = 1000, ManyLinesPoints = 2, SomeLines = 100, SomeLinesPoints = 1, CriticalPathPoints = 2,
        DbMigrationPoints = 2, ExternalApisPoints = 1, CoverageFloor = 80, LowCoveragePoints = 2, HighFrom = 6, MediumFrom = 3;

    public static RiskAssessment Assess(ReleaseInfo release)
    {
        var factors = new List<RiskFactor>();
        if (release.LinesChanged > ManyLines)
            factors.Add(new("lines_changed", ManyLinesPoints));
        else if (release.LinesChanged > SomeLines)
            factors.Add(new("lines_changed", SomeLinesPoints));
        if (release.TouchesCriticalPath)
            factors.Add(new("touches_critical_path", CriticalPathPoints));
        if (release.HasDbMigration)
            factors.Add(new("has_db_migration", DbMigrationPoints));
        if (release.ChangesExternalApis)
            factors.Add(new("changes_external_apis", ExternalApisPoints));
        if (release.TestCoverage < CoverageFloor)
            factors.Add(new("test_coverage", LowCoveragePoints));
        var score = factors.Sum(f => f.Points);
        return new RiskAssessment(score, Classify(score), factors);
    }

    public static RiskLevel Classify(int score) => score >= HighFrom ? RiskLevel.High : score >= MediumFrom ? RiskLevel.Medium : RiskLevel.Low;

    public static string ToWord(this RiskLevel level) => level.ToString().ToLowerInvariant();
}
