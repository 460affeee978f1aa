using SloBot.Core.Tiers;
using Xunit;

namespace SloBot.Core.Tests.Tiers;

public sealed class TierAnalyzerTests
{
    private static TierRecommendation Analyze(string text)
    {
        var pairs = text.Split(' ').Select(p => p.Split('=')).Select(p => KeyValuePair.Create(p[0], p[1]));
        var (answers, problems) = TierAnswers.Parse(pairs);
        Assert.Empty(problems);
        return TierAnalyzer.Analyze(answers);
    }

    [Fact]
    public void Analyze_TheDocumentsExample_IsCriticalWithFullConfidence()
    {
        var result = Analyze("revenue=direct visibility=constant severity=severe data=high regulatory=yes users=large");

        Assert.Equal(ServiceTier.Critical, result.Recommended);
        Assert.Equal(100, result.ScoreFor(ServiceTier.Critical));
        Assert.Equal(59, result.ScoreFor(ServiceTier.Essential), 9);
        Assert.InRange(result.Confidence, 95, 100); // close to the widest margin a critical recommendation can have
        Assert.Equal(["Revenue Impact", "Failure Severity", "User Visibility", "Data Sensitivity", "Regulatory Requirements", "User Base Size"],
            result.KeyFactors.Select(f => f.Factor));
        Assert.Equal(99.95, result.Profile.AvailabilityPercent);
        Assert.Equal("Review and validate critical tier selection with stakeholders", result.NextSteps[0]);
    }

    [Fact]
    public void Analyze_MixedAnswers_HasLowerConfidenceThanClearOnes()
    {
        var clear = Analyze("revenue=none visibility=rare severity=negligible data=none regulatory=no users=internal");
        var mixed = Analyze("revenue=direct visibility=rare severity=minor data=medium regulatory=no users=small");

        Assert.Equal(ServiceTier.BestEffort, clear.Recommended);
        Assert.Equal(100, clear.Confidence, 1);
        Assert.InRange(mixed.Confidence, 0, clear.Confidence - 50);
        Assert.Equal(100 * mixed.Margin / TierAnalyzer.MaxMargin(TierMatrix.Criteria, mixed.Recommended), mixed.Confidence, 1);
        Assert.Contains(clear.KeyFactors, f => f.Influence == "Allows a lower tier" && f.Value == "internal");
    }

    [Fact]
    public void Analyze_ATie_HasZeroConfidenceAndPrefersTheMoreDemandingTier()
    {
        // revenue=high gives essential 10 and critical 7; visibility=constant gives critical 10, essential 8.
        // 0.25·7 + 0.20·10 = 3.75 = 0.25·10 + 0.20·8 − 0.35 … find a real tie by search instead of by hand.
        var tie = AllAnswerSets().Select(TierAnalyzer.Analyze).First(r => r.Margin == 0);

        Assert.Equal(0, tie.Confidence);
        Assert.True(tie.Recommended < tie.RunnerUp);
    }

    [Fact]
    public void Parse_UnknownValueAndCriterion_NameTheChoicesAndSuggest()
    {
        var (answers, problems) = TierAnswers.Parse([KeyValuePair.Create("revenue", "dirct"), KeyValuePair.Create("visibilty", "rare")]);

        Assert.Empty(answers.Values);
        Assert.Contains("did you mean `revenue=direct`", problems[0], StringComparison.Ordinal);
        Assert.Contains("`none`", problems[0], StringComparison.Ordinal);
        Assert.Contains("did you mean `visibility`", problems[1], StringComparison.Ordinal);
        Assert.Equal(6, answers.Missing.Count);
    }

    [Theory]
    [InlineData(ServiceTier.Critical, 1296)]
    [InlineData(ServiceTier.Essential, 2592)]
    [InlineData(ServiceTier.Standard, 12960)]
    [InlineData(ServiceTier.BestEffort, 25920)]
    public void DowntimePerMonth_IsThe30DayBudgetOfTheAvailabilityTarget(ServiceTier tier, double seconds) =>
        Assert.Equal(seconds, TierProfiles.For(tier).DowntimePerMonth.TotalSeconds);

    [Fact]
    public void Criteria_WeightsAddUpToOneAndEveryRowHasATen()
    {
        Assert.Equal(1.0, TierMatrix.Criteria.Sum(c => c.Weight), 12);
        Assert.All(TierMatrix.Criteria.SelectMany(c => c.Values), v => Assert.Equal(10, v.Scores.Max()));
        Assert.Equal(3, TierMatrix.Criteria.Count(c => c.ScoredByDocument));
    }

    private static IEnumerable<TierAnswers> AllAnswerSets()
    {
        IEnumerable<Dictionary<TierCriterion, TierCriterionValue>> sets = [new()];
        foreach (var criterion in TierMatrix.Criteria)
            sets = sets.SelectMany(s => criterion.Values.Select(v => new Dictionary<TierCriterion, TierCriterionValue>(s) { [criterion] = v }));
        return sets.Select(s => new TierAnswers(s));
    }
}
