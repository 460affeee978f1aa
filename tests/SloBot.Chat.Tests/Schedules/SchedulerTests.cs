using System.Threading.Channels;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using SloBot.Chat.Conversations;
using SloBot.Chat.Delivery;
using SloBot.Chat.Events;
using SloBot.Chat.Replies;
using SloBot.Chat.Schedules;
using SloBot.Chat.Tests.Budgets;
using SloBot.Chat.Tests.Conversations;
using SloBot.Core.Catalog;
using SloBot.Core.Sli;
using Xunit;
using SloBot.Chat.Budgets;
using SloBot.Chat.Catalog;
using SloBot.Chat.Releases;
using SloBot.Chat.Tiers;
using SloBot.Chat.Design;
using SloBot.Chat.Journeys;
using SloBot.Chat.Retrospectives;
using SloBot.Chat.Reviews;
using SloBot.Testing;

namespace SloBot.Chat.Tests.Schedules;

public sealed class SchedulerTests
{
    // Monday 23 November 2026, London on GMT: the weekly review is due at 09:00Z.
    private static readonly DateTimeOffset Monday9 = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly SloDefinition Payment = new("payment", "availability", 0.999, TimeSpan.FromDays(30), SliQuery.EmbeddedOnly);
    private readonly FakeTimeProvider _clock = new(Monday9 - TimeSpan.FromSeconds(30));
    private readonly IScheduleLedger _ledger = new InMemoryScheduleLedger();

    [Fact]
    public async Task MondayReview_PostedOnceAtNine_WithTheStartButton_NotAgainAfterARestartOrOnAReplica()
    {
        var transport = new FakeTransport("slack");
        using var first = Services(transport);
        var scheduler = first.GetRequiredService<Scheduler>();

        await scheduler.RunDueAsync(CancellationToken.None);
        Assert.Empty(transport.Posts); // 08:59:30

        _clock.Advance(TimeSpan.FromMinutes(1));
        await scheduler.RunDueAsync(CancellationToken.None);
        var (where, reply) = Assert.Single(transport.Posts);
        Assert.Equal(new ConversationKey("slack", "C0123"), where);
        Assert.Equal("Weekly SLO review · 23 November 2026", reply.Header);
        Assert.Contains("16 November 2026 to 23 November 2026", reply.PlainText(), StringComparison.Ordinal);
        Assert.Equal("review:start", Assert.Single(reply.Buttons).ActionId);

        await scheduler.RunDueAsync(CancellationToken.None);
        using var restarted = Services(transport);
        using var replica = Services(transport);
        await Task.WhenAll(restarted.GetRequiredService<Scheduler>().RunDueAsync(CancellationToken.None), replica.GetRequiredService<Scheduler>().RunDueAsync(CancellationToken.None));
        Assert.Single(transport.Posts);
        var run = Assert.Single(await _ledger.RecentAsync("weekly-review", 5, CancellationToken.None));
        Assert.Equal((Monday9, ScheduleRunStatus.Posted, "m1"), (run.Occurrence, run.Status, run.MessageId));
    }

    [Fact]
    public async Task FailedPost_GivesTheClaimBack_AndTheNextRoundPostsTheSameIntent()
    {
        var transport = new FlakyTransport();
        using var services = Services(transport);
        var scheduler = services.GetRequiredService<Scheduler>();
        _clock.Advance(TimeSpan.FromMinutes(1));

        await scheduler.RunDueAsync(CancellationToken.None);
        Assert.Equal(0, transport.Delivered);
        Assert.Empty(await _ledger.RecentAsync("weekly-review", 5, CancellationToken.None));

        _clock.Advance(TimeSpan.FromMinutes(1));
        await scheduler.RunDueAsync(CancellationToken.None);
        Assert.Equal(1, transport.Delivered);
        Assert.Equal(2, transport.Intents.Count);
        Assert.Single(transport.Intents.Distinct()); // the redone run carries the first one's key, so a platform can de-duplicate it
        Assert.StartsWith("schedule:weekly-review:", transport.Intents[0].Key, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartedThirteenHoursLate_TheReviewIsSkippedAndRecorded_NotPosted()
    {
        var transport = new FakeTransport("slack");
        await _ledger.CompleteAsync("weekly-review", Monday9.AddDays(-7), ScheduleRunStatus.Posted, "m0", Monday9.AddDays(-7), CancellationToken.None);
        _clock.Advance(TimeSpan.FromHours(13));
        using var services = Services(transport);

        await services.GetRequiredService<Scheduler>().RunDueAsync(CancellationToken.None);

        Assert.Empty(transport.Posts);
        Assert.Equal(ScheduleRunStatus.Skipped, (await _ledger.RecentAsync("weekly-review", 1, CancellationToken.None)).Single().Status);
    }

    [Fact]
    public async Task APostToAPlatformSloBotIsNotConnectedTo_IsOff_SaidOnce()
    {
        var transport = new FakeTransport("discord"); // the review goes to slack:C0123
        using var services = Services(transport, fakeLogs: true);
        var scheduler = services.GetRequiredService<Scheduler>();
        _clock.Advance(TimeSpan.FromMinutes(1));

        await scheduler.RunDueAsync(CancellationToken.None);
        await scheduler.RunDueAsync(CancellationToken.None);

        Assert.Empty(transport.Posts);
        var logs = services.GetRequiredService<Microsoft.Extensions.Logging.Testing.FakeLogCollector>().GetSnapshot();
        var line = Assert.Single(logs, l => l.Id.Id == 804);
        Assert.Contains("weekly-review is off: its channel slack:C0123 is on slack", line.Message, StringComparison.Ordinal);
        Assert.Empty(await _ledger.RecentAsync("weekly-review", 1, CancellationToken.None));
    }

    [Fact]
    public async Task AsAHostedService_TheLoopPostsWhenTheClockReachesNine()
    {
        var transport = new FakeTransport("slack");
        using var services = Services(transport);
        var scheduler = services.GetRequiredService<Scheduler>();
        var rounds = Channel.CreateUnbounded<DateTimeOffset>();
        scheduler.RoundCompleted += at => rounds.Writer.TryWrite(at);

        await scheduler.StartAsync(CancellationToken.None);
        await rounds.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Empty(transport.Posts);
        _clock.Advance(TimeSpan.FromMinutes(1));
        await rounds.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        await scheduler.StopAsync(CancellationToken.None);

        Assert.Single(transport.Posts);
    }

    private ServiceProvider Services(IChatTransport transport, bool fakeLogs = false)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SloBot:Schedule:TimeZone"] = "Europe/London",
            ["SloBot:Schedule:WeeklyReview:Channel"] = "slack:C0123",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(b =>
        {
            if (fakeLogs)
                b.AddFakeLogging();
        });
        services.AddSingleton<TimeProvider>(_clock);
        services.AddSingleton(_ledger);
        services.AddSingleton<ISloCatalog>(new InMemorySloCatalog([new ServiceDefinition("payment", [Payment])]));
        services.AddSingleton<ISliSource>(new TestSliSource().With(Payment.Id, Payment.Window, 999_500, 1_000_000));
        services.AddSingleton(transport);
        services.AddChatPlatform("slack", "C0123ABCD", "Slack user U…");
        services.AddSloBotChat().AddBudgets().AddCatalogCommand().AddReleases().AddTiers().AddDesign().AddJourneys();
        services.AddSloBotConversations(config).AddRetrospectives().AddReviews();
        services.AddSloBotSchedules(config);
        return services.BuildServiceProvider();
    }

    /// <summary>Refuses the first post with a permanent error (not retried by the outbox), accepts the next.</summary>
    private sealed class FlakyTransport : IChatTransport
    {
        private int _calls;

        public int Delivered { get; private set; }

        public List<DeliveryIntent> Intents { get; } = [];

        public string Platform => "slack";

        public Task<PostedMessage> PostAsync(ConversationKey where, Reply reply, DeliveryIntent intent, CancellationToken cancellationToken)
        {
            Intents.Add(intent);
            if (Interlocked.Increment(ref _calls) == 1)
                throw new InvalidOperationException("channel_not_found");
            Delivered++;
            return Task.FromResult(new PostedMessage(where, "m1"));
        }

        public Task<ConversationKey> StartThreadAsync(ConversationKey channel, Reply opening, string title, DeliveryIntent intent, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}
