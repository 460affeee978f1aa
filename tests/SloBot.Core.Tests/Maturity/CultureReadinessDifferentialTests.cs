using System.Globalization;
using SloBot.Core.Maturity;
using Xunit;

namespace SloBot.Core.Tests.Maturity;

/// <summary>
/// Every questionnaire outcome and 2,500 random criteria (thresholds included) scored by the document's own
/// <c>SLOCulture</c> (tools/seed004_culture.py, verbatim; tools/readiness_grid.py fills its helpers) and by SloBot.
/// Needs python3 on the PATH; fails, never skips, without it.
/// </summary>
public sealed class CultureReadinessDifferentialTests
{
    [Fact]
    public async Task Assess_EveryAnswerAndRandomValues_MatchesTheDocumentsPython()
    {
        var rows = await DocumentPython.RunAsync(Path.Combine("Maturity", "tools", "readiness_grid.py"));

        Assert.Equal(243 + 2000 + 500, rows.Count);
        var mismatches = new List<string>();
        var levels = new HashSet<string>();
        foreach (var row in rows)
        {
            var c = row.Split('\t');
            var values = c[..5].Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            var result = CultureReadiness.Assess(values);
            var expectedScore = double.Parse(c[5], CultureInfo.InvariantCulture);
            levels.Add(c[6]);
            if (result.Score != expectedScore || result.Level.ToWord() != c[6])
                mismatches.Add($"{string.Join(' ', c[..5])}: expected {c[5]} {c[6]}, SloBot {result.Score.ToString("R", CultureInfo.InvariantCulture)} {result.Level.ToWord()}");
        }

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {rows.Count} rows differ, e.g.\n" + string.Join('\n', mismatches.Take(10)));
        Assert.Equal(["needs_preparation", "not_ready", "ready", "significant_gaps"], levels.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(0.8, ReadinessLevel.Ready)]
    [InlineData(0.7999999999999999, ReadinessLevel.NeedsPreparation)]
    [InlineData(0.6, ReadinessLevel.NeedsPreparation)]
    [InlineData(0.5999999999999999, ReadinessLevel.SignificantGaps)]
    [InlineData(0.4, ReadinessLevel.SignificantGaps)]
    [InlineData(0.39999999999999997, ReadinessLevel.NotReady)]
    [InlineData(0.0, ReadinessLevel.NotReady)]
    public void Classify_Thresholds_AreInclusive(double score, ReadinessLevel expected) =>
        Assert.Equal(expected, CultureReadiness.Classify(score));

    [Fact]
    public void Assess_RecommendsForEveryCriterionNotFullyMet()
    {
        var result = CultureReadiness.Assess([1, 0.5, 1, 0, 1]);

        Assert.Equal(0.7, result.Score, 12);
        Assert.Equal(ReadinessLevel.NeedsPreparation, result.Level);
        Assert.Equal(["engineering_buy_in", "data_infrastructure"], result.Criteria.Where(c => c.Value < 1).Select(c => c.Criterion.Key));
        Assert.Equal(2, result.Recommendations.Count);
    }
}
