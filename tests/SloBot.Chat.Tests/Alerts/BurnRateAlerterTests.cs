using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SloBot.Chat.Delivery;
using SloBot.Chat.Alerts;
using SloBot.Chat.Conversations;
using SloBot.Chat.Events;
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

namespace SloBot.Chat.Tests.Alerts;

public sealed class BurnRateAlerterTests
{
    private static readonly SloDefinition Payment = new("payment", "availability", 0.999, TimeSpan.FromDays(30), SliQuery.EmbeddedOnly);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly TestSliSource _source;
    private double _rate = 0.5; // every window burns at this × the allowed error ratio
    private readonly IAlertStateStore _states = new InMemoryAlertStateStore();
    private readonly FakeTransport _transport = new("slack");

    public BurnRateAlerterTests() => _source = new TestSliSource((_, _, _) => new EventCounts(1_000_000 - (_rate * 1_000), 1_000_000));

    [Fact]
    public async Task PageThenTicketThenResolved_EachChangePostedOnce_EvenWithTwoReplicas()
    {
        using var one = Services();
        using var two = Services();
        async Task CheckBothAsync() => await Task.WhenAll(
            one.GetRequiredService<BurnRateAlerter>().CheckAsync(CancellationToken.None),
            two.GetRequiredService<BurnRateAlerter>().CheckAsync(CancellationToken.None));

        await CheckBothAsync();
        Assert.Empty(_transport.Posts); // burning 0.5×: fine

        _rate = 20; // every window at 20× the allowed error ratio
        await CheckBothAsync();
        await CheckBothAsync();
        var (where, page) = Assert.Single(_transport.Posts);
        Assert.Equal(new ConversationKey("slack", "C0ALERTS"), where);
        Assert.Equal("🔴 Page · payment availability is burning its error budget", page.Header);
        Assert.Contains("Burning 20× over 1 hour and 20× over 5 minutes (alert above 14.4×, paging)", Raw(page), StringComparison.Ordinal);
        Assert.Contains("the whole 30 days budget lasts 1 day 12 hours", Raw(page), StringComparison.Ordinal); // two units, not "1 day"
        Assert.Equal("budget.show", page.Buttons.Single().ActionId); // the budget as a new message, the alert stays

        _rate = 8; // under 14.4, over 6: a ticket
        _clock.Advance(TimeSpan.FromMinutes(10));
        await CheckBothAsync();
        Assert.Equal("🟠 Ticket · payment availability is burning its error budget", _transport.Posts.Last().Reply.Header);

        _rate = 0.5;
        _clock.Advance(TimeSpan.FromMinutes(20));
        await CheckBothAsync();
        Assert.Equal(3, _transport.Posts.Count);
        var resolved = _transport.Posts.Last().Reply;
        Assert.Equal("✅ Resolved · payment availability", resolved.Header);
        Assert.Contains("after 20 minutes 0 seconds", resolved.PlainText(), StringComparison.Ordinal);
        Assert.Equal("ok", (await _states.AllAsync(CancellationToken.None)).Single().Severity);
    }

    [Fact]
    public async Task SourceDown_NothingPosted_TheLoopKeepsGoing()
    {
        using var services = Services();
        var alerter = services.GetRequiredService<BurnRateAlerter>();
        var rounds = System.Threading.Channels.Channel.CreateUnbounded<DateTimeOffset>();
        alerter.RoundCompleted += at => rounds.Writer.TryWrite(at);
        _source.Failure = new SliSourceException("Prometheus timed out");

        await alerter.StartAsync(CancellationToken.None);
        await rounds.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        _source.Failure = null;
        _rate = 20;
        _clock.Advance(TimeSpan.FromMinutes(1));
        await rounds.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        await alerter.StopAsync(CancellationToken.None);

        Assert.Single(_transport.Posts);
    }

    private static string Raw(Replies.Reply reply) => string.Join("\n", reply.Blocks.OfType<Replies.TextBlock>().Select(t => t.Text.Replace("**", "", StringComparison.Ordinal)));

    private ServiceProvider Services()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["SloBot:Alerts:Channel"] = "slack:C0ALERTS" }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddSingleton(_states);
        services.AddSingleton<ISloCatalog>(new InMemorySloCatalog([new ServiceDefinition("payment", [Payment])]));
        services.AddSingleton<ISliSource>(_source);
        services.AddSingleton<Delivery.IChatTransport>(_transport);
        services.AddChatPlatform("slack", "C0123ABCD", "Slack user U…");
        services.AddSloBotChat().AddBudgets().AddCatalogCommand().AddReleases().AddTiers().AddDesign().AddJourneys();
        services.AddSloBotConversations(config).AddRetrospectives().AddReviews();
        services.AddSloBotAlerts(config);
        return services.BuildServiceProvider();
    }

}
