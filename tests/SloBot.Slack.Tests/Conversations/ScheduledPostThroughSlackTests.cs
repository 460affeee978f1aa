using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SloBot.Chat;
using SloBot.Chat.Conversations;
using SloBot.Chat.Schedules;
using SloBot.Core.Catalog;
using SloBot.Core.Sli;
using SloBot.Slack.Tests.Emulator;
using SloBot.Chat.Budgets;
using SloBot.Chat.Catalog;
using SloBot.Chat.Releases;
using SloBot.Chat.Tiers;
using SloBot.Chat.Design;
using SloBot.Chat.Journeys;
using SloBot.Chat.Retrospectives;
using SloBot.Chat.Reviews;
using SloBot.Testing;

namespace SloBot.Slack.Tests.Conversations;

/// <summary>The Monday review as Slack sees it: posted by the scheduler to its channel, and its button opens the review thread.</summary>
public sealed class ScheduledPostThroughSlackTests : IAsyncLifetime
{
    private SlackEmulator _slack = null!;
    private SlackTestHost _host = null!;

    public async Task InitializeAsync()
    {
        // Every minute, so the occurrence of the current minute is due as soon as SloBot starts.
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SloBot:Schedule:WeeklyReview:Channel"] = "slack:C0REVIEWS",
            ["SloBot:Schedule:WeeklyReview:Cron"] = "* * * * *",
        }).Build();
        _slack = await SlackEmulator.StartAsync();
        _host = await SlackTestHost.StartAsync(_slack, s =>
        {
            s.AddSloBotChat().AddBudgets().AddCatalogCommand().AddReleases().AddTiers().AddDesign().AddJourneys();
            s.AddSloBotConversations(config).AddRetrospectives().AddReviews();
            s.AddSloBotSchedules(config);
            s.AddSingleton<ISloCatalog>(new InMemorySloCatalog(
                [new ServiceDefinition("payment", [new SloDefinition("payment", "availability", 0.999, TimeSpan.FromDays(30), SliQuery.EmbeddedOnly)])]));
            s.AddSingleton<ISliSource>(new SyntheticTraffic
            {
                IncidentStart = new DateTimeOffset(2026, 11, 20, 14, 0, 0, TimeSpan.Zero),
                IncidentEnd = new DateTimeOffset(2026, 11, 20, 14, 45, 0, TimeSpan.Zero),
            }.Source());
        });
        await _slack.WaitForSocketAsync();
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _slack.DisposeAsync();
    }

    [Fact]
    public async Task MondayReview_PostedToItsChannel_StartReviewOpensTheReviewThread()
    {
        var post = await SlackEmulator.WaitForAsync(() => _slack.CallsOf("chat.postMessage").FirstOrDefault(c => c.Str("channel") == "C0REVIEWS"), "the scheduled review post", TimeSpan.FromSeconds(30));
        Assert.Null(post.Str("thread_ts"));
        Assert.Contains("Weekly SLO review", post.Body.GetRawText(), StringComparison.Ordinal);
        var (actionId, value) = RetrospectiveThroughSlackTests.Button(post.Body, "Start review");

        await _slack.SendAsync(SlackEnvelopes.Interactive(SlackEnvelopes.BlockActions(actionId, value, _slack.NewResponseUrl(out _), channel: "C0REVIEWS", messageTs: "1700000000.000100")));

        var agenda = await SlackEmulator.WaitForAsync(
            () => _slack.CallsOf("chat.postMessage").FirstOrDefault(c => c.Str("thread_ts") is not null && c.Body.GetRawText().Contains("SLO status overview", StringComparison.Ordinal)),
            "the review's first agenda item in a thread");
        Assert.Equal("C0REVIEWS", agenda.Str("channel"));
        Assert.Equal("review:start", actionId);
        Assert.StartsWith("Weekly SLO review: ", post.Str("text"), StringComparison.Ordinal);
    }
}
