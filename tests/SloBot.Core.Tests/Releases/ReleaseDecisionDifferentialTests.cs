using System.Globalization;
using SloBot.Core.Budgets;
using SloBot.Core.Releases;
using Xunit;

namespace SloBot.Core.Tests.Releases;

/// <summary>
/// Every combination of risk inputs and budget bands (each boundary on both sides) decided by the document's own
/// Python (tools/seed004_release.py, transcribed verbatim; tools/release_matrix.py fills its gaps) and by SloBot.
/// Needs python3 on the PATH; fails, never skips, without it.
/// </summary>
public sealed class ReleaseDecisionDifferentialTests
{
    [Fact]
    public async Task Decide_EveryInputAndBand_MatchesTheDocumentsPython()
    {
        var rows = await DocumentPython.RunAsync(Path.Combine("Releases", "tools", "release_matrix.py"));

        Assert.Equal(11 * 3 * 3 * 3 * 8 * 18, rows.Count);
        var mismatches = new List<string>();
        var cellsSeen = new HashSet<(BudgetStatus, RiskLevel)>();
        foreach (var row in rows)
        {
            var c = row.Split('\t');
            var info = new ReleaseInfo(
                c[0] == "-" ? 0 : int.Parse(c[0], CultureInfo.InvariantCulture),
                c[1] == "true",
                c[2] == "true",
                c[3] == "true",
                c[4] == "-" ? 100 : double.Parse(c[4], CultureInfo.InvariantCulture));
            var remaining = double.Parse(c[5], CultureInfo.InvariantCulture) / 100;

            var risk = ReleaseRisk.Assess(info);
            var status = BudgetStatusBands.Classify(remaining);
            var cell = DecisionMatrix.Decide(status, risk.Level);
            cellsSeen.Add((status, risk.Level));
            var actual = string.Join('\t', risk.Score.ToString(CultureInfo.InvariantCulture), risk.Level.ToWord(), status.ToWord(),
                cell.Action.ToWord(), string.Join(',', cell.Conditions.Select(x => x.Key())));
            var expected = string.Join('\t', c[6..]);
            if (actual != expected)
                mismatches.Add($"{string.Join(' ', c[..6])}: expected {expected}, SloBot {actual}");
        }

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {rows.Count} rows differ, e.g.\n" + string.Join('\n', mismatches.Take(10)));
        Assert.Equal(15, cellsSeen.Count); // every cell of the matrix was exercised
    }

    [Fact]
    public void Assess_FactorsSumToScore_AndNameTheDocumentsKeys()
    {
        var risk = ReleaseRisk.Assess(new ReleaseInfo(1200, HasDbMigration: true, TestCoverage: 72));

        Assert.Equal(6, risk.Score);
        Assert.Equal(RiskLevel.High, risk.Level);
        Assert.Equal(["lines_changed", "has_db_migration", "test_coverage"], risk.Factors.Select(f => f.Factor));
        Assert.Equal(risk.Score, risk.Factors.Sum(f => f.Points));
    }
}
