using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SloBot.Chat.Budgets;
using SloBot.Chat.Delivery;
using SloBot.Chat.Events;
using SloBot.Chat.Replies;
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

public sealed class BudgetCommandTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Month = TimeSpan.FromDays(30);
    private static readonly SloDefinition Availability = new("payment", "availability", 0.999, Month, SliQuery.EmbeddedOnly);
    private static readonly SloDefinition Latency = new("payment", "latency", 0.99, Month, SliQuery.EmbeddedOnly);
    private static readonly SloDefinition Search = new("search", "availability", 0.995, Month, SliQuery.EmbeddedOnly);

    private readonly TestSliSource _source = new TestSliSource()
        .With(Availability.Id, Month, 999_350, 1_000_000) // 65 % consumed → 35 % left: attention
        .With(Availability.Id, TimeSpan.FromHours(1), 1_990, 2_000) // 5× burn
        .With(Availability.Id, TimeSpan.FromHours(6), 11_940, 12_000) // 5× over 6 h too: the current burn
        .With(Latency.Id, Month, 999_000, 1_000_000) // 10 % consumed
        .With(Search.Id, Month, 990_000, 1_000_000); // 200 % consumed: exhausted

    [Fact]
    public async Task Budget_KnownService_ReportsEverySloWithTheJsonContract()
    {
        var reply = await AskAsync("/slo budget payment");

        Assert.Equal(ExitCodes.Answered, reply.ExitCode);
        var json = JsonSerializer.SerializeToElement(reply.Data, Web);
        var slos = json.GetProperty("slos");
        Assert.Equal(2, slos.GetArrayLength());
        var a = slos[0];
        Assert.Equal("payment", a.GetProperty("service").GetString());
        Assert.Equal("availability", a.GetProperty("slo").GetString());
        Assert.Equal(0.999, a.GetProperty("target").GetDouble());
        Assert.Equal("30d", a.GetProperty("window").GetString());
        Assert.Equal(2_592_000, a.GetProperty("windowSeconds").GetDouble());
        Assert.Equal(0.99935, a.GetProperty("sli").GetDouble(), 9);
        Assert.Equal(999_350, a.GetProperty("goodEvents").GetDouble());
        Assert.Equal(1_000_000, a.GetProperty("totalEvents").GetDouble());
        Assert.Equal(0.65, a.GetProperty("errorBudget").GetProperty("consumed").GetDouble(), 9);
        Assert.Equal(0.35, a.GetProperty("errorBudget").GetProperty("remaining").GetDouble(), 9);
        Assert.Equal(0.35 * 2592, a.GetProperty("errorBudget").GetProperty("remainingSeconds").GetDouble(), 6);
        Assert.Equal(5.0, a.GetProperty("burnRates").GetProperty("1h").GetDouble(), 9);
        Assert.Equal(0.0, a.GetProperty("burnRates").GetProperty("3d").GetDouble());
        Assert.Equal("attention", a.GetProperty("status").GetString());
        var expectedExhaustion = Now + TimeSpan.FromDays(30 * 0.35 / 5);
        Assert.InRange(a.GetProperty("projectedExhaustion").GetDateTimeOffset(), expectedExhaustion - TimeSpan.FromHours(1), expectedExhaustion); // to the hour
        Assert.Equal(JsonValueKind.Null, slos[1].GetProperty("projectedExhaustion").ValueKind);
        Assert.Contains("in 2 days", reply.PlainText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Budget_OneSloNamed_OnlyThatSlo()
    {
        var reply = await AskAsync("/slo budget payment latency");
        var json = JsonSerializer.SerializeToElement(reply.Data, Web);
        Assert.Equal("latency", Assert.Single(json.GetProperty("slos").EnumerateArray()).GetProperty("slo").GetString());
    }

    [Theory]
    [InlineData("/slo budget paymnet", "no service `paymnet` — did you mean `payment`?")]
    [InlineData("/slo budget", "Which service?")]
    [InlineData("/slo budget payment latncy", "payment has no SLO `latncy` — did you mean `latency`?")]
    [InlineData("/slo bugdet payment", "did you mean `/slo budget`?")]
    public async Task Budget_WrongInput_ExitTwoWithAHelpfulMessage(string text, string expected)
    {
        var reply = await AskAsync(text);
        Assert.Equal(ExitCodes.BadCommand, reply.ExitCode);
        Assert.True(reply.Ephemeral);
        Assert.Contains(expected, reply.PlainText(), StringComparison.Ordinal);
        Assert.Equal(0, _source.Calls);
    }

    [Fact]
    public async Task Budget_SourceFails_ExitOneNamingTheFailure()
    {
        _source.Failure = new SliSourceException("Prometheus at http://127.0.0.1:1 is unreachable");
        var reply = await AskAsync("/slo budget payment");
        Assert.Equal(ExitCodes.SourceFailed, reply.ExitCode);
        Assert.Contains("unreachable", reply.PlainText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_AllServices_RiskiestFirst_OneSourceCall()
    {
        var reply = await AskAsync("/slo status");
        var json = JsonSerializer.SerializeToElement(reply.Data, Web);
        var services = json.GetProperty("services").EnumerateArray().Select(s => (s.GetProperty("service").GetString(), s.GetProperty("status").GetString())).ToArray();
        Assert.Equal([("search", "exhausted"), ("payment", "attention")], services);
        Assert.Equal(1, _source.Calls);
    }

    [Fact]
    public async Task Help_ListsEveryCommandWithAnExample()
    {
        var reply = await AskAsync("/slo help");
        var text = reply.PlainText();
        Assert.Contains("/slo budget <service> [slo]", text, StringComparison.Ordinal);
        Assert.Contains("/slo status", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefreshButton_AnswersWithTheCurrentBudget()
    {
        var provider = Services();
        var sink = provider.GetRequiredService<IChatEventSink>();
        var responder = new Responder();
        await sink.HandleAsync(new ButtonClick("b1", new ConversationKey("test", "C1"), new ChatUser("U1"), Now, BudgetButtons.Refresh, "payment", "m1"), responder, CancellationToken.None);
        Assert.Equal("Error budget · payment", Assert.Single(responder.Replies).Header);
    }

    private async Task<Reply> AskAsync(string text)
    {
        var sink = Services().GetRequiredService<IChatEventSink>();
        var responder = new Responder();
        await sink.HandleAsync(new CommandEvent("e1", new ConversationKey("test", "C1"), new ChatUser("U1"), Now, text), responder, CancellationToken.None);
        return Assert.Single(responder.Replies);
    }

    private ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
        services.AddSingleton<ISliSource>(_source);
        services.AddSingleton<ISloCatalog>(new InMemorySloCatalog(
        [
            new ServiceDefinition("payment", [Availability, Latency]),
            new ServiceDefinition("search", [Search]),
        ]));
        services.AddSloBotChat().AddBudgets().AddCatalogCommand().AddReleases().AddTiers().AddDesign().AddJourneys();
        return services.BuildServiceProvider();
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
