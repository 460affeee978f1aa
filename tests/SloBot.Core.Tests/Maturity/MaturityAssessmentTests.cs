using SloBot.Core.Maturity;
using Xunit;

namespace SloBot.Core.Tests.Maturity;

/// <summary>The maturity scoring docs/maturity.md defines: consecutive levels, the next level's share, the measured thresholds.</summary>
public sealed class MaturityAssessmentTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);

    // Level 3 exactly: every service covered, decisions each month, weekly reviews, alerts; nothing of level 4 answered.
    private static readonly MaturityEvidence Managed = new(
        Services: 4, ServicesWithSlos: 4, Slos: 6, CriticalServices: 1, CriticalServicesWithSlos: 1,
        ReleaseDecisions: 9, MonthsWithReleaseDecisions: 3, PublishedReviews: 10, WeeksWithReview: 10, BurnRateAlerts: true, ScheduledPosts: 0);

    private static readonly Dictionary<string, Answer> None = [];

    [Fact]
    public void Assess_NothingAtAll_Level1ScoreOne_MissingTheSlosAndMonthlyReviews()
    {
        var r = MaturityAssessment.Assess(new MaturityEvidence(0, 0, 0, 0, 0, 0, 0, 0, 0, false, 0), None);

        Assert.Equal((1, 1.0), (r.Level, r.Score));
        Assert.Equal(["slos", "monthlyReviews"], r.MissingForNextLevel.Select(m => m.Key));
        Assert.Equal("Basic SLOs", r.Next!.Name);
        Assert.Equal(["Define first SLOs", "Implement basic monitoring"], r.Current.NextSteps);
    }

    [Theory]
    [InlineData(2, 1, 1.83)] // monthly reviews 2/3 of the way: level 1, 1 + (1 + 2/3) / 2
    [InlineData(3, 2, 2.2)] // monthly met: level 2, 2 + (1/2 + 0 + 3/10 + 0) / 4 (coverage 1/2, 3 of 10 weeks)
    public void Assess_ReviewWeeks_MonthlyFromThreeWeeks(int weeks, int level, double score)
    {
        var r = MaturityAssessment.Assess(new MaturityEvidence(2, 1, 1, 0, 0, 0, 0, weeks, weeks, false, 0), None);

        Assert.Equal((level, score), (r.Level, r.Score));
    }

    [Fact]
    public void Assess_Level2_ScoreAddsTheMeanOfLevel3()
    {
        // coverage 1/2 (no critical tier: the whole catalog counts), decisions 1 of 3 months, 5 of 10 weeks, no alerts.
        var r = MaturityAssessment.Assess(new MaturityEvidence(2, 1, 1, 0, 0, 1, 1, 5, 5, false, 0), None);

        Assert.Equal(2, r.Level);
        Assert.Equal(2.33, r.Score); // 2 + (1/2 + 1/3 + 1/2 + 0) / 4 = 2.333…
        Assert.Equal(["criticalCoverage", "budgetDecisions", "weeklyReviews", "alerting"], r.MissingForNextLevel.Select(m => m.Key));
    }

    [Theory]
    [InlineData(9, 2)]
    [InlineData(10, 3)]
    [InlineData(12, 3)]
    public void Assess_WeeklyReviews_FromTenOfTwelveWeeks(int weeks, int level) =>
        Assert.Equal(level, MaturityAssessment.Assess(Managed with { WeeksWithReview = weeks }, None).Level);

    [Fact]
    public void Assess_CriticalServicesCount_ForLevel3_WholeCatalogForLevel4()
    {
        var r = MaturityAssessment.Assess(Managed with { Services = 5, ServicesWithSlos = 4 }, None);

        Assert.Equal(3, r.Level); // the uncovered service is not critical
        Assert.Equal(0.8, r.Criteria.SloCoverage, 12);
        Assert.Contains(r.MissingForNextLevel, m => m.Key == "coverage" && m.Value == 0.8);
        Assert.Equal(2, MaturityAssessment.Assess(Managed with { CriticalServices = 2 }, None).Level); // a critical service without SLOs
    }

    [Fact]
    public void Assess_Level3_AnswersPartly_CountHalfAndDoNotMeet()
    {
        var answers = new Dictionary<string, Answer> { ["roadmap"] = Answer.Yes, ["governance"] = Answer.Partly, ["stakeholders"] = Answer.Yes };

        var r = MaturityAssessment.Assess(Managed with { ScheduledPosts = 2 }, answers);

        Assert.Equal(3, r.Level);
        Assert.Equal(3.9, r.Score); // 3 + (coverage 1, automation 1, roadmap 1, governance ½, stakeholders 1) / 5
        Assert.Equal(["governance"], r.MissingForNextLevel.Select(m => m.Key));
        Assert.Equal(EvidenceSource.Answered, r.MissingForNextLevel[0].Source);
        Assert.Equal(1.0, r.Criteria.StakeholderAlignment);
        Assert.Equal(1.0, r.Criteria.AutomationLevel);
    }

    [Fact]
    public void Assess_Level5AnsweredButLevel3Missed_LevelsAreConsecutive()
    {
        var all = MaturityQuestions.All.ToDictionary(q => q.Name, _ => Answer.Yes);

        var gap = MaturityAssessment.Assess(Managed with { BurnRateAlerts = false, ScheduledPosts = 2 }, all);
        var top = MaturityAssessment.Assess(Managed with { ScheduledPosts = 1 }, all);

        Assert.Equal(2, gap.Level);
        Assert.Equal(["alerting"], gap.MissingForNextLevel.Select(m => m.Key));
        Assert.Equal((5, 5.0), (top.Level, top.Score));
        Assert.Empty(top.MissingForNextLevel);
        Assert.Null(top.Next);
    }

    [Fact]
    public void Assess_AlmostTheNextLevel_NeverRoundsIntoIt()
    {
        var r = MaturityAssessment.Assess(Managed with { Services = 1000, ServicesWithSlos = 999, CriticalServices = 1000, CriticalServicesWithSlos = 999 }, None);

        Assert.Equal((2, 2.99), (r.Level, r.Score));
    }

    [Fact]
    public void PeriodsWithAny_CountsDistinctPeriodsEndingNow_BoundsIncluded()
    {
        var week = TimeSpan.FromDays(7);
        DateTimeOffset[] times =
        [
            Now - (week * 12),               // the first instant of the first period
            Now - (week * 12) + week - TimeSpan.FromTicks(1), // still the first period
            Now - (week * 12) - TimeSpan.FromTicks(1), // before it: not counted
            Now - TimeSpan.FromDays(1),      // the last period
            Now,                             // the last period too
            Now + TimeSpan.FromMinutes(1),   // in the future: not counted
        ];

        Assert.Equal(2, MaturityEvidence.PeriodsWithAny(times, Now, week, 12));
        Assert.Equal(0, MaturityEvidence.PeriodsWithAny([], Now, week, 12));
    }
}
