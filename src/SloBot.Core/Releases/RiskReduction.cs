using SloBot.Core.Budgets;

namespace SloBot.Core.Releases;

/// <summary>A change to a release that lowers its risk score.</summary>
public enum RiskChange
{
    /// <summary>Split it so each part changes at most <see cref="ReleaseRisk.ManyLines"/> lines.</summary>
    SplitToManyLines,

    /// <summary>Split it so each part changes at most <see cref="ReleaseRisk.SomeLines"/> lines.</summary>
    SplitToSomeLines,
    LeaveCriticalPath,
    ShipMigrationSeparately,
    ShipExternalApiChangeSeparately,

    /// <summary>Raise test coverage to <see cref="ReleaseRisk.CoverageFloor"/> % or more.</summary>
    RaiseCoverage,
}

/// <summary>The fewest changes that give the release a less restrictive action under the same budget status.</summary>
public sealed record RiskReductionPlan(IReadOnlyList<RiskChange> Changes, RiskAssessment Risk, MatrixCell Decision);

public static class RiskReduction
{
    /// <summary>Null when no change to the release helps (the budget alone decides, as when it is exhausted).</summary>
    public static RiskReductionPlan? Suggest(ReleaseInfo release, BudgetStatus status)
    {
        var now = DecisionMatrix.Decide(status, ReleaseRisk.Assess(release).Level).Action;
        RiskReductionPlan? best = null;
        foreach (var changes in Candidates(release))
        {
            var changed = changes.Aggregate(release, Apply);
            var risk = ReleaseRisk.Assess(changed);
            var cell = DecisionMatrix.Decide(status, risk.Level);
            if (cell.Action >= now)
                continue;
            if (best is null || changes.Count < best.Changes.Count || (changes.Count == best.Changes.Count && cell.Action < best.Decision.Action))
                best = new RiskReductionPlan(changes, risk, cell);
        }

        return best;
    }

    private static IEnumerable<IReadOnlyList<RiskChange>> Candidates(ReleaseInfo r)
    {
        var lineOptions = new List<RiskChange?> { null };
        if (r.LinesChanged > ReleaseRisk.ManyLines)
            lineOptions.Add(RiskChange.SplitToManyLines);
        if (r.LinesChanged > ReleaseRisk.SomeLines)
            lineOptions.Add(RiskChange.SplitToSomeLines);
        var flags = new List<RiskChange>();
        if (r.TouchesCriticalPath)
            flags.Add(RiskChange.LeaveCriticalPath);
        if (r.HasDbMigration)
            flags.Add(RiskChange.ShipMigrationSeparately);
        if (r.ChangesExternalApis)
            flags.Add(RiskChange.ShipExternalApiChangeSeparately);
        if (r.TestCoverage < ReleaseRisk.CoverageFloor)
            flags.Add(RiskChange.RaiseCoverage);
        foreach (var lines in lineOptions)
        {
            for (var mask = 0; mask < 1 << flags.Count; mask++)
            {
                var set = flags.Where((_, i) => (mask & (1 << i)) != 0).ToList();
                if (lines is { } l)
                    set.Insert(0, l);
                if (set.Count > 0)
                    yield return set;
            }
        }
    }

    private static ReleaseInfo Apply(ReleaseInfo r, RiskChange change) => change switch
    {
        RiskChange.SplitToManyLines => r with { LinesChanged = ReleaseRisk.ManyLines },
        RiskChange.SplitToSomeLines => r with { LinesChanged = ReleaseRisk.SomeLines },
        RiskChange.LeaveCriticalPath => r with { TouchesCriticalPath = false },
        RiskChange.ShipMigrationSeparately => r with { HasDbMigration = false },
        RiskChange.ShipExternalApiChangeSeparately => r with { ChangesExternalApis = false },
        _ => r with { TestCoverage = ReleaseRisk.CoverageFloor },
    };
}
