using System.Globalization;
using SloBot.Core.Planning;
using Xunit;

namespace SloBot.Core.Tests.Planning;

/// <summary>
/// Proposals and roadmaps for random targets, achieved SLIs and rated work (the 0.5-point margin, the 99.99 cap and the
/// 99.0 floor hit on both sides, equal priorities) computed by the document's own Python (tools/seed004_planning.py,
/// transcribed verbatim; tools/planning_cases.py fills its gaps) and by SloBot, compared bit for bit. Needs python3;
/// fails without it.
/// </summary>
public sealed class PlanningDifferentialTests
{
    public static TheoryData<int> Seeds => new() { 20261206, 15, Environment.TickCount & 0xFFFF };

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Propose_RandomTargets_MatchesTheDocumentsPython(int seed)
    {
        var rows = (await DocumentPython.RunAsync(Path.Combine("Planning", "tools", "planning_cases.py"), seed.ToString(CultureInfo.InvariantCulture)))
            .Where(r => r.StartsWith("proposal\t", StringComparison.Ordinal)).ToArray();

        Assert.Equal(3000, rows.Length);
        var mismatches = new List<string>();
        var rules = new HashSet<ProposalRule>();
        var clamped = new HashSet<double>();
        foreach (var row in rows)
        {
            var c = row.Split('\t');
            var p = TargetProposals.Propose(Number(c[1]), Number(c[2]));
            rules.Add(p.Rule);
            if (p.ProposedPercent is TargetProposals.CeilingPercent or TargetProposals.FloorPercent)
                clamped.Add(p.ProposedPercent);
            if (p.ProposedPercent != Number(c[3]) || p.Rationale != c[4]) // bit for bit
                mismatches.Add($"{c[1]} {c[2]}: expected {c[3]} '{c[4]}', SloBot {p.ProposedPercent.ToString("R", CultureInfo.InvariantCulture)} '{p.Rationale}'");
        }

        Assert.True(mismatches.Count == 0, $"seed {seed}: {mismatches.Count} of {rows.Length} rows differ, e.g.\n" + string.Join('\n', mismatches.Take(10)));
        Assert.Equal(3, rules.Count);
        Assert.Equal(2, clamped.Count); // the cap and the floor were both reached
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Order_RandomWork_MatchesTheDocumentsPython(int seed)
    {
        var rows = (await DocumentPython.RunAsync(Path.Combine("Planning", "tools", "planning_cases.py"), seed.ToString(CultureInfo.InvariantCulture)))
            .Where(r => r.StartsWith("roadmap\t", StringComparison.Ordinal)).ToArray();

        Assert.Equal(1000, rows.Length);
        var mismatches = new List<string>();
        var nonEmpty = 0;
        foreach (var row in rows)
        {
            var c = row.Split('\t');
            var proposals = c[1].Split(';').Select(s => s.Split(':')).ToDictionary(s => s[0], s => TargetProposals.Propose(Number(s[1]), Number(s[2])));
            var work = c[2].Length == 0 ? [] : c[2].Split(';').Select(w => w.Split(':')).ToArray();
            // The document: for each service in order whose gap is above 0, its work in order; then sorted by impact ÷ effort.
            var initiatives = proposals.Where(p => ReliabilityRoadmap.NeedsWork(p.Value))
                .SelectMany(p => work.Where(w => w[0] == p.Key).Select(w => new RatedInitiative<string>(w[1], Number(w[2]), Number(w[3]))));
            var roadmap = ReliabilityRoadmap.Order(initiatives);
            nonEmpty += roadmap.Initiatives.Count > 1 ? 1 : 0;
            var names = string.Join(',', roadmap.Initiatives.Select(i => i.Item));
            if (names != c[3] || roadmap.TotalEffort != Number(c[4]) || roadmap.ProjectedImprovement != Number(c[5]))
                mismatches.Add($"{c[1]} | {c[2]}: expected {c[3]} {c[4]} {c[5]}, SloBot {names} {roadmap.TotalEffort.ToString("R", CultureInfo.InvariantCulture)} {roadmap.ProjectedImprovement.ToString("R", CultureInfo.InvariantCulture)}");
        }

        Assert.True(mismatches.Count == 0, $"seed {seed}: {mismatches.Count} of {rows.Length} rows differ, e.g.\n" + string.Join('\n', mismatches.Take(10)));
        Assert.True(nonEmpty > 100, $"only {nonEmpty} roadmaps had two initiatives or more to order");
    }

    [Theory]
    [InlineData(99.4, 100.0, 99.5, ProposalRule.Tighten)]
    [InlineData(99.9, 100.0, 99.9, ProposalRule.Keep)] // above 99.5 % no real SLI is 0.5 points over the target
    [InlineData(99.95, 100.5, 99.99, ProposalRule.Tighten)] // so the cap needs an SLI over 100 %: the document's arithmetic only
    [InlineData(99.9, 99.9, 99.9, ProposalRule.Keep)]
    [InlineData(99.5, 99.4, 99.4, ProposalRule.Relax)]
    [InlineData(99.0, 98.0, 99.0, ProposalRule.Relax)]
    [InlineData(95.0, 94.0, 99.0, ProposalRule.Relax)] // the document's floor raises a target under 99 %
    [InlineData(99.995, 100.5, 99.99, ProposalRule.Tighten)] // and its cap lowers one above 99.99 %
    public void Propose_AtTheClamps_IsTheDocumentsArithmetic(double current, double actual, double proposed, ProposalRule rule)
    {
        var p = TargetProposals.Propose(current, actual);

        Assert.Equal((proposed, rule), (Math.Round(p.ProposedPercent, 10), p.Rule));
        Assert.Equal(current is 95.0 or 99.995, p.ClampReversed);
    }

    [Fact]
    public void Propose_HalfAPointAboveExactly_Keeps()
    {
        Assert.Equal(ProposalRule.Keep, TargetProposals.Propose(99.0, 99.0 + 0.5).Rule);
        Assert.Equal(ProposalRule.Tighten, TargetProposals.Propose(99.0, Math.BitIncrement(99.0 + 0.5)).Rule);
    }

    [Fact]
    public void ProposedRatio_RemovesTheNoiseOfTheStep() =>
        Assert.Equal(0.998, TargetProposals.Propose(99.9, 99.0).ProposedRatio);

    [Fact]
    public void Order_ZeroEffort_IsRefusedNotDividedByZero() =>
        Assert.Throws<ArgumentException>(() => ReliabilityRoadmap.Order([new RatedInitiative<string>("x", 1, 0)]));

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
