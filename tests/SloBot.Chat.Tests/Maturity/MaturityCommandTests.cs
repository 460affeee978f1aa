using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SloBot.Chat.Alerts;
using SloBot.Chat.Documents;
using SloBot.Chat.Maturity;
using SloBot.Chat.Releases;
using SloBot.Chat.Replies;
using SloBot.Chat.Reviews;
using SloBot.Chat.Tests.Releases;
using Xunit;

namespace SloBot.Chat.Tests.Maturity;

/// <summary><c>/slo maturity</c>: measured criteria from stored decisions and reviews and the configuration, the rest answered.</summary>
public sealed class MaturityCommandTests
{
    private const string AllNo = "roadmap=no governance=no stakeholders=no culture=no managed=no predictive=no slas=no";
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Maturity_FromStoredDecisionsAndReviews_Level3Measured()
    {
        using var host = Host(alertChannel: "slack:C-ALERTS");
        var start = host.Time.GetUtcNow(); // decisions in each of the three 30-day periods before the assessment
        await host.AskAsync("/slo release payment v1 lines=10");
        host.Time.Advance(TimeSpan.FromDays(40));
        await host.AskAsync("/slo release checkout v2 lines=10");
        var reviews = host.Get<PublishedDocuments<WeeklyReviewDocument>>();
        var assessAt = start + TimeSpan.FromDays(89);
        for (var week = 0; week < 10; week++) // ten of the last twelve 7-day periods
            await reviews.SaveAsync(Review($"review-{week}", assessAt - TimeSpan.FromDays((7 * week) + 1)), CancellationToken.None);
        await reviews.SaveAsync(Review("review-old", assessAt - TimeSpan.FromDays(85)), CancellationToken.None); // outside the 12 weeks
        host.Time.Advance(TimeSpan.FromDays(45));
        await host.AskAsync("/slo release payment v3 lines=10");
        host.Time.SetUtcNow(assessAt);

        var reply = await host.AskAsync($"/slo maturity {AllNo}");

        Assert.Equal(ExitCodes.Answered, reply!.ExitCode);
        var data = Assert.IsType<MaturityData>(reply.Data);
        Assert.Equal((3, "Managed SLOs", 3.3, 4), (data.Level, data.LevelName, data.Score, data.NextLevel)); // 3 + (coverage 1 + automation ½ + 0 + 0 + 0) / 5
        Assert.Equal((3, 3, 10, 10), (data.Measured.ReleaseDecisions, data.Measured.MonthsWithReleaseDecisions, data.Measured.PublishedReviews, data.Measured.WeeksWithReview));
        Assert.Equal((2, 2, 3, true, 0), (data.Measured.Services, data.Measured.ServicesWithSlos, data.Measured.Slos, data.Measured.BurnRateAlerts, data.Measured.ScheduledPosts));
        Assert.Equal((1.0, 1.0, 1.0, 0.5, 0.0), (data.Criteria.SloCoverage, data.Criteria.ErrorBudgetUsage, data.Criteria.ReviewFrequency, data.Criteria.AutomationLevel, data.Criteria.StakeholderAlignment));
        Assert.Equal(["automation", "roadmap", "governance", "stakeholders"], data.MissingForNextLevel.Select(m => m.Key));
        Assert.Equal(["Advanced burn rate alerts", "Predictive analysis"], data.NextSteps);
        Assert.All(data.Requirements.Where(q => q.Level <= 3), q => Assert.Equal("measured", q.Source));
        var text = reply.PlainText();
        Assert.Contains("3 release decisions recorded in the last 90 days, in 3 of 3 months", text, StringComparison.Ordinal);
        Assert.Contains("10 weekly reviews published in the last 12 weeks, in 10 weeks of 12", text, StringComparison.Ordinal);
        Assert.Contains("Missing for level 4 (Optimized SLOs)", text, StringComparison.Ordinal);

        var json = JsonSerializer.SerializeToElement(reply.Data, Web);
        Assert.Equal(3.3, json.GetProperty("score").GetDouble());
        Assert.Equal(0.5, json.GetProperty("criteria").GetProperty("automationLevel").GetDouble());
        Assert.Equal("no", json.GetProperty("answers").GetProperty("roadmap").GetString());
    }

    [Fact]
    public async Task Maturity_NothingRecorded_Level2WithWhatIsMissing()
    {
        using var host = Host();

        var reply = await host.AskAsync("/slo maturity " + AllNo.Replace("roadmap=no", "roadmap=yes", StringComparison.Ordinal));

        var data = Assert.IsType<MaturityData>(reply!.Data);
        Assert.Equal(1, data.Level); // SLOs exist but no review was ever published
        Assert.Equal(["monthlyReviews"], data.MissingForNextLevel.Select(m => m.Key));
        Assert.Equal(1.5, data.Score);
        Assert.Contains("publish weekly reviews", reply.PlainText(), StringComparison.Ordinal);
        Assert.Equal(["Define first SLOs", "Implement basic monitoring"], data.NextSteps);
    }

    [Theory] // answered by the router from the commands' specs (one did-you-mean formatter)
    [InlineData("/slo maturity roadmap=maybe", "`roadmap=maybe` is not a choice for")]
    [InlineData("/slo maturity roadmp=yes", "Unknown option `roadmp` — did you mean")]
    [InlineData("/slo maturity coverage=yes", "Unknown option `coverage`")]
    [InlineData("/slo maturity yes", "Unexpected `yes`")]
    [InlineData("/slo readiness executive=sure", "`executive=sure` is not a choice for")]
    [InlineData("/slo readiness exec=yes", "Unknown option `exec` — did you mean")]
    public async Task BadInput_Exit2WithClearMessage(string command, string expected)
    {
        using var host = Host();

        var reply = await host.AskAsync(command);

        Assert.Equal(ExitCodes.BadCommand, reply!.ExitCode);
        Assert.Contains(expected, reply.PlainText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Maturity_MissingAnswersWithoutConversations_CommandToTypeExit2()
    {
        using var host = new ReleaseTestHost(s => s.AddMaturity());

        var reply = await host.AskAsync("/slo maturity roadmap=partly");

        Assert.Equal(ExitCodes.BadCommand, reply!.ExitCode);
        Assert.Contains("still needs 6 answers", reply.PlainText(), StringComparison.Ordinal);
        Assert.Contains("/slo maturity roadmap=partly governance=yes|partly|no", reply.PlainText(), StringComparison.Ordinal);
    }

    private static ReleaseTestHost Host(string? alertChannel = null) =>
        new(s => s.AddMaturity().Configure<AlertOptions>(o => o.Channel = alertChannel ?? ""), conversations: true);

    internal static WeeklyReviewDocument Review(string id, DateTimeOffset publishedAt) => new(
        id, publishedAt.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), publishedAt.AddDays(-7), publishedAt,
        [], [], [], [], [], [], [], [], [], new Dictionary<string, string>(), "U-OWNER", publishedAt);
}
