using System.Globalization;
using SloBot.Core.Balance;
using SloBot.Core.Budgets;
using Xunit;

namespace SloBot.Core.Tests.Balance;

/// <summary>
/// Allocations for random SLO performances and capacities (the gap thresholds hit on both sides, the clamp passed with
/// out-of-range adjustments) computed by the document's own Python (tools/seed004_balance.py, transcribed verbatim;
/// tools/balance_cases.py fills its gaps) and by SloBot, compared bit for bit. Needs python3; fails without it.
/// </summary>
public sealed class ReliabilityBalanceDifferentialTests
{
    public static TheoryData<int> Seeds => new() { 20261206, 7, Environment.TickCount & 0xFFFF };

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Allocate_RandomPerformances_MatchesTheDocumentsPython(int seed)
    {
        var rows = await DocumentPython.RunAsync(Path.Combine("Balance", "tools", "balance_cases.py"), seed.ToString(CultureInfo.InvariantCulture));

        Assert.Equal(3000 + 141, rows.Count);
        var mismatches = new List<string>();
        var bands = new HashSet<SloGapBand>();
        var percents = new HashSet<int>();
        foreach (var row in rows)
        {
            var c = row.Split('\t');
            var capacity = Number(c[1]);
            int adjustment;
            if (c[0] == "fixed")
            {
                adjustment = int.Parse(c[2], CultureInfo.InvariantCulture);
            }
            else
            {
                var slos = c[3].Split(',').Zip(c[4].Split(','), (a, t) => new SloPerformance(Number(a), Number(t))).ToArray();
                var band = ReliabilityBalance.Band(ReliabilityBalance.Gap(slos));
                bands.Add(band);
                adjustment = ReliabilityBalance.Adjustment(band);
            }

            var a = ReliabilityBalance.Allocate(adjustment, capacity);
            percents.Add(a.FeaturePercent);
            var actual = (a.FeaturePercent, a.ReliabilityPercent, a.FeatureHours!.Value, a.ReliabilityHours!.Value);
            var expected = (int.Parse(c[5], CultureInfo.InvariantCulture), int.Parse(c[6], CultureInfo.InvariantCulture), Number(c[7]), Number(c[8]));
            if (actual != expected) // bit for bit: the same IEEE operations in the same order
                mismatches.Add($"{string.Join(' ', c[..5])}: expected {string.Join(' ', c[5..])}, SloBot {Show(actual)}");
        }

        Assert.True(mismatches.Count == 0, $"seed {seed}: {mismatches.Count} of {rows.Count} rows differ, e.g.\n" + string.Join('\n', mismatches.Take(10)));
        Assert.Equal(Enum.GetValues<SloGapBand>().Length, bands.Count); // every threshold band was reached
        Assert.Contains(ReliabilityBalance.MinFeaturePercent, percents);
        Assert.Contains(ReliabilityBalance.MaxFeaturePercent, percents);
    }

    [Theory]
    [InlineData(0.5000000001, 10)]
    [InlineData(0.5, 5)]
    [InlineData(0.1000000001, 5)]
    [InlineData(0.1, 0)]
    [InlineData(-0.1, -10)]
    [InlineData(-0.0999999999, 0)]
    [InlineData(-0.5, -20)]
    [InlineData(-0.4999999999, -10)]
    public void Adjustment_AtEachThreshold_IsStrictlyAbove(double gap, int expected) =>
        Assert.Equal(expected, ReliabilityBalance.Adjustment(ReliabilityBalance.Band(gap)));

    [Fact]
    public void Allocate_WithoutCapacity_GivesPercentagesOnly()
    {
        var a = ReliabilityBalance.Allocate(-20, null);

        Assert.Equal((50, 50, (double?)null, (double?)null), (a.FeaturePercent, a.ReliabilityPercent, a.FeatureHours, a.ReliabilityHours));
    }

    [Fact]
    public void FromRatios_RemovesTheNoiseOfTimesHundred() =>
        Assert.Equal(new SloPerformance(99.9, 99.95), SloPerformance.FromRatios(0.999, 0.9995));

    internal static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    internal static string Show<T>(T value) where T : System.Runtime.CompilerServices.ITuple =>
        string.Join(' ', Enumerable.Range(0, value.Length).Select(i => value[i] is double d ? d.ToString("R", CultureInfo.InvariantCulture) : Convert.ToString(value[i], CultureInfo.InvariantCulture)));
}
