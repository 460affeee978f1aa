using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SloBot.Chat.Budgets;
using SloBot.Chat.Delivery;
using SloBot.Chat.Events;
using SloBot.Chat.Replies;
using SloBot.Core.Budgets;
using SloBot.Core.Catalog;
using SloBot.Core.Sli;
using Xunit;
using SloBot.Chat.Catalog;
using SloBot.Chat.Releases;
using SloBot.Chat.Tiers;
using SloBot.Chat.Design;
using SloBot.Chat.Journeys;
using SloBot.Testing;

namespace SloBot.Chat.Tests.Budgets;

public sealed class BurnDownChartTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 30, TimeSpan.Zero);
    private static readonly SloDefinition Availability = new("payment", "availability", 0.99, TimeSpan.FromDays(1), SliQuery.EmbeddedOnly);
    private static readonly SloDefinition Latency = new("payment", "latency", 0.95, TimeSpan.FromDays(1), SliQuery.EmbeddedOnly);
    private readonly TestSliSource _source = TestSliSource.Steady(1000, 0.001); // one bad an hour: 24 of 240 allowed for availability (90 % left)
    private readonly Renderer _renderer = new();
    private readonly FakeTimeProvider _clock = new(Now);

    [Fact]
    public async Task Budget_WithARenderer_ShowsTheChartOfEverySlo()
    {
        var reply = await AskAsync(Services(withRenderer: true), "/slo budget payment");

        var png = Assert.Single(reply.Attachments);
        Assert.Equal("burn-down-payment.png", png.FileName);
        var image = reply.Blocks.OfType<ImageBlock>().Single();
        Assert.Equal(png.FileName, image.AttachmentName);
        Assert.Contains("availability 90 % left of 1 day", image.AltText, StringComparison.Ordinal);
        var drawn = Assert.Single(_renderer.Calls);
        Assert.Equal(["availability", "latency"], drawn.Select(l => l.Slo.Name));
        var minute = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
        Assert.All(_source.SeriesRequests, c => Assert.Equal((minute - TimeSpan.FromDays(1), minute, TimeSpan.FromMinutes(2)), (c.Start, c.End, c.Step)));
        Assert.Equal(0.9, drawn[0].Points[^1].Remaining, 9); // 24 bad of 240 allowed: what the budget says too
    }

    [Fact]
    public async Task Budget_WithoutARenderer_HasNoChart_AndReadsOnlyTheHistoryToTheWholeHour()
    {
        var reply = await AskAsync(Services(withRenderer: false), "/slo budget payment");

        Assert.Empty(reply.Attachments);
        Assert.Empty(reply.Blocks.OfType<ImageBlock>());
        var hour = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(2, _source.SeriesRequests.Count); // one per SLO, for coverage and the projection
        Assert.All(_source.SeriesRequests, c => Assert.Equal((hour - TimeSpan.FromDays(1), hour), (c.Start, c.End)));
    }

    [Fact]
    public async Task HistoryUnavailable_CostsTheChart_NotTheBudget()
    {
        _source.SeriesFailure = new SliSourceException("query_range timed out");

        var reply = await AskAsync(Services(withRenderer: true), "/slo budget payment");

        Assert.Equal(ExitCodes.Answered, reply.ExitCode);
        Assert.Empty(reply.Attachments);
        Assert.Contains("availability", reply.PlainText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManyAskingInTheSameMinute_ReadTheHistoryAndDrawOnce_ANewMinuteDrawsAgain()
    {
        var services = Services(withRenderer: true);

        var replies = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => AskAsync(services, "/slo budget payment")));
        Assert.All(replies, r => Assert.Single(r.Attachments));
        Assert.Single(_renderer.Calls);
        Assert.Equal(4, _source.SeriesRequests.Count); // per SLO: the chart's and the budget's hourly history, however many ask

        _clock.Advance(TimeSpan.FromMinutes(1));
        await AskAsync(services, "/slo budget payment");
        Assert.Equal(2, _renderer.Calls.Count);
        Assert.Equal(6, _source.SeriesRequests.Count); // the chart again; the history to 12:00 is the same within the hour
    }

    [Theory]
    [InlineData("budget.refresh", true)]  // Refresh on a budget: in place of it
    [InlineData("budget.show", false)]    // "Budget" on an alert: a new message
    public async Task BudgetButtons_AnswerWithTheChartToo_RefreshReplacesTheMessage(string action, bool replaces)
    {
        var services = Services(withRenderer: true);
        var responder = new Responder();
        var click = new ButtonClick("c1", new ConversationKey("test", "C1"), new ChatUser("U1"), Now, action, "payment", "m1");

        await services.GetRequiredService<IChatEventSink>().HandleAsync(click, responder, CancellationToken.None);

        var reply = Assert.Single(responder.Replies);
        Assert.Equal(replaces, reply.ReplaceOriginal);
        Assert.Equal("burn-down-payment.png", Assert.Single(reply.Attachments).FileName);
    }

    private static async Task<Reply> AskAsync(ServiceProvider services, string text)
    {
        var responder = new Responder();
        await services.GetRequiredService<IChatEventSink>().HandleAsync(new CommandEvent(Guid.NewGuid().ToString(), new ConversationKey("test", "C1"), new ChatUser("U1"), Now, text), responder, CancellationToken.None);
        return Assert.Single(responder.Replies);
    }

    private ServiceProvider Services(bool withRenderer)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddSingleton<ISliSource>(_source);
        services.AddSingleton<ISloCatalog>(new InMemorySloCatalog([new ServiceDefinition("payment", [Availability, Latency])]));
        services.AddSloBotChat().AddBudgets().AddCatalogCommand().AddReleases().AddTiers().AddDesign().AddJourneys();
        if (withRenderer)
            services.AddSingleton<IBurnDownRenderer>(_renderer);
        return services.BuildServiceProvider();
    }


    private sealed class Renderer : IBurnDownRenderer
    {
        public List<IReadOnlyList<BurnDownLine>> Calls { get; } = [];

        public ReplyAttachment Render(string fileName, string title, IReadOnlyList<BurnDownLine> lines)
        {
            lock (Calls)
                Calls.Add(lines);
            return new ReplyAttachment(fileName, "image/png", [0x89, 0x50, 0x4E, 0x47]);
        }
    }

    private sealed class Responder : IChatResponder
    {
        public List<Reply> Replies { get; } = [];

        public Task RespondAsync(Reply reply, CancellationToken cancellationToken)
        {
            Replies.Add(reply);
            return Task.CompletedTask;
        }
    }
}
