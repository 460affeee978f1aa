using System.Globalization;
using SloBot.Core.Tiers;
using Xunit;

namespace SloBot.Core.Tests.Tiers;

/// <summary>
/// Every combination of answers, scored by C# and by the seed document's own Python
/// (tools/generate_tier_scores.py runs the TierAnalyzer class taken verbatim from the seed and wrote TestData/*.tsv).
/// </summary>
public sealed class TierAnalyzerDifferentialTests
{
    [Fact]
    public void Analyze_EveryCombinationOfTheDocumentsScoredCriteria_EqualsTheDocumentsPython()
    {
        var rows = ExpectedTable.Read("tier-scores-document.tsv");
        var documentCriteria = TierMatrix.Criteria.Where(c => c.ScoredByDocument).ToArray();

        Assert.Equal(documentCriteria.Aggregate(1, (n, c) => n * c.Values.Count), rows.Count);
        Assert.Equal(rows.Count, rows.Select(r => r.Key).Distinct().Count());
        foreach (var row in rows)
            AssertMatches(row);
    }

    [Fact]
    public void Analyze_EveryCombinationOfAllSixCriteria_EqualsTheDocumentsPythonWithSloBotsRows()
    {
        var rows = ExpectedTable.Read("tier-scores-slobot.tsv");

        Assert.Equal(TierMatrix.Criteria.Aggregate(1, (n, c) => n * c.Values.Count), rows.Count);
        Assert.Equal(rows.Count, rows.Select(r => r.Key).Distinct().Count());
        foreach (var row in rows)
            AssertMatches(row);
    }

    private static void AssertMatches(ExpectedRow row)
    {
        var answers = TierAnswers.FromDocumentKeys(row.Characteristics);
        Assert.Equal(row.Characteristics.Count, answers.Values.Count); // every value of the table is one C# knows

        var result = TierAnalyzer.Analyze(answers);

        Assert.True(row.Tier == result.Recommended.ToWord(), $"{row.Key}: Python recommends {row.Tier}, C# {result.Recommended.ToWord()}");
        foreach (var tier in ServiceTierNames.All)
        {
            var expected = row.Scores[(int)tier];
            var actual = result.ScoreFor(tier);
            Assert.True(expected.Equals(actual), $"{row.Key}: {tier.ToWord()} scores {expected:R} in Python, {actual:R} in C# (the same IEEE arithmetic in the same order must agree bit for bit)");
        }
    }

    private sealed record ExpectedRow(IReadOnlyDictionary<string, string> Characteristics, string Tier, double[] Scores)
    {
        public string Key => string.Join(",", Characteristics.Select(kv => $"{kv.Key}={kv.Value}"));
    }

    private static class ExpectedTable
    {
        public static List<ExpectedRow> Read(string file)
        {
            var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Tiers", "TestData", file));
            var header = lines[0].Split('\t');
            var tierColumn = Array.IndexOf(header, "recommended_tier");
            Assert.Equal(6, tierColumn);
            var rows = new List<ExpectedRow>();
            foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
            {
                var cells = line.Split('\t');
                var characteristics = new Dictionary<string, string>();
                for (var i = 0; i < tierColumn; i++)
                {
                    if (cells[i].Length > 0)
                        characteristics[header[i]] = cells[i];
                }

                var scores = cells.Skip(tierColumn + 1).Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToArray();
                rows.Add(new ExpectedRow(characteristics, cells[tierColumn], scores));
            }

            return rows;
        }
    }
}
