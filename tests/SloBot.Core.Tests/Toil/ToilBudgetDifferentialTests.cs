using System.Globalization;
using SloBot.Core.Budgets;
using SloBot.Core.Toil;
using Xunit;
using static SloBot.Core.Tests.Balance.ReliabilityBalanceDifferentialTests;

namespace SloBot.Core.Tests.Toil;

/// <summary>
/// Toil budgets (every average-SLO threshold on both sides, the 20–60 % clamp passed through other base percentages) and
/// automation priorities (random task lists, ties included) from the document's own Python (tools/seed004_toil.py,
/// transcribed verbatim; tools/toil_cases.py fills its gaps, SloBot's ROI among them) and from SloBot, bit for bit.
/// </summary>
public sealed class ToilBudgetDifferentialTests
{
    public static TheoryData<int> Seeds => new() { 20261206, 11, Environment.TickCount & 0xFFFF };

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task CalculateAndRank_RandomInputs_MatchTheDocumentsPython(int seed)
    {
        var rows = await DocumentPython.RunAsync(Path.Combine("Toil", "tools", "toil_cases.py"), seed.ToString(CultureInfo.InvariantCulture));

        Assert.Equal(4000, rows.Count);
        var mismatches = new List<string>();
        var adjustments = new HashSet<int>();
        var percents = new HashSet<int>();
        foreach (var row in rows)
        {
            var c = row.Split('\t');
            if (c[0] == "budget")
            {
                var actuals = c[3].Split(',').Select(a => new SloPerformance(Number(a), 99.9)).ToArray();
                var adjustment = ToilBudget.Adjustment(SloPerformance.AverageActual(actuals));
                var b = ToilBudget.Calculate(adjustment, int.Parse(c[1], CultureInfo.InvariantCulture), int.Parse(c[2], CultureInfo.InvariantCulture));
                adjustments.Add(adjustment);
                percents.Add(b.Percent);
                var actual = (b.Percent, b.ToilHoursPerWeek, b.AutomationHoursPerWeek);
                var expected = (int.Parse(c[4], CultureInfo.InvariantCulture), Number(c[5]), Number(c[6]));
                if (actual != expected)
                    mismatches.Add($"{string.Join(' ', c[..4])}: expected {string.Join(' ', c[4..])}, SloBot {Show(actual)}");
            }
            else
            {
                var tasks = c[1].Length == 0 ? [] : c[1].Split(';').Select(Task).ToArray();
                var ranked = AutomationPriority.Rank(tasks, t => t);
                var actual = string.Join(';', ranked.Select(r => $"{r.Item.Name}:{r.Score.ToString("R", CultureInfo.InvariantCulture)}:{Optional(r.RoiMonths)}"));
                var expected = string.Join(';', (c[2].Length == 0 ? [] : c[2].Split(';')).Select(t => t.Split(':')).Select(p => $"{p[0]}:{Number(p[1]).ToString("R", CultureInfo.InvariantCulture)}:{Optional(p[2] == "-" ? null : Number(p[2]))}"));
                if (actual != expected)
                    mismatches.Add($"{c[1]}: expected {expected}, SloBot {actual}");
            }
        }

        Assert.True(mismatches.Count == 0, $"seed {seed}: {mismatches.Count} of {rows.Count} rows differ, e.g.\n" + string.Join('\n', mismatches.Take(10)));
        Assert.Equal([-20, -10, 0, 10], adjustments.Order());
        Assert.Contains(ToilBudget.MinPercent, percents);
        Assert.Contains(ToilBudget.MaxPercent, percents);
    }

    [Theory]
    [InlineData(99.95, 60)]
    [InlineData(99.94999999999999, 50)]
    [InlineData(99.9, 50)]
    [InlineData(99.89999999999999, 40)]
    [InlineData(99.5, 40)]
    [InlineData(99.49999999999999, 30)]
    public void Calculate_AtEachThreshold_IncludesTheThreshold(double averageSlo, int expected) =>
        Assert.Equal(expected, ToilBudget.Calculate(ToilBudget.Adjustment(averageSlo), teamSize: 1).Percent);

    [Fact]
    public void RoiMonths_IsEffortOverMonthlyToil()
    {
        // 2 × 1.5 h a week = 13 h a month; complexity 3 = 24 h of automation: 24 ÷ 13 months.
        var task = new ToilTask("rotate certificates", 2, 1.5, ErrorProne: true, AutomationComplexity: 3);

        Assert.Equal(24 / 13.0, AutomationPriority.RoiMonths(task)!.Value, 12);
        Assert.Equal(2 * 10 + 1.5 * 5 + 20 - 3 * 2, AutomationPriority.Score(task));
        Assert.Null(AutomationPriority.RoiMonths(task with { FrequencyPerWeek = 0 }));
        Assert.Equal(4 / 13.0, AutomationPriority.RoiMonths(task with { AutomationEffortHours = 4 })!.Value, 12);
    }

    private static ToilTask Task(string text)
    {
        var p = text.Split(':');
        return new ToilTask(p[0], Number(p[1]), Number(p[2]), p[3] == "true", int.Parse(p[4], CultureInfo.InvariantCulture), p[5] == "-" ? null : Number(p[5]));
    }

    private static string Optional(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "-";
}
