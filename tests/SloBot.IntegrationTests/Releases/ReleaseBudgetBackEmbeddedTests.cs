using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SloBot.Chat;
using SloBot.Chat.Delivery;
using SloBot.Chat.Events;
using SloBot.Chat.Releases;
using SloBot.Chat.Replies;
using SloBot.Core.Catalog;
using SloBot.Core.Sli;
using SloBot.Sli.Embedded;
using SloBot.Storage;
using Xunit;
using SloBot.Chat.Budgets;
using SloBot.Chat.Catalog;
using SloBot.Chat.Tiers;
using SloBot.Chat.Design;
using SloBot.Chat.Journeys;

namespace SloBot.IntegrationTests.Releases;

/// <summary>
/// "When the budget is back", end to end on the embedded SLI store and the SQL decision log: incidents at known
/// times, a fake clock, and then the clock moved to the promised instant to see that the promise holds.
/// </summary>
public sealed class ReleaseBudgetBackEmbeddedTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero); // a Monday
    private static readonly SloDefinition Slo = new("payment", "availability", 0.999, TimeSpan.FromDays(30), SliQuery.EmbeddedOnly);
    private const string Command = "/slo release payment v1.5.0 lines=1200 db-migration coverage=72";

    private readonly string _dir = Directory.CreateTempSubdirectory("slobot-release-").FullName;
    private readonly FakeTimeProvider _time = new(Now);
    private readonly ServiceProvider _provider;
    private readonly EmbeddedSliStore _store;

    public ReleaseBudgetBackEmbeddedTests()
    {
        var connection = $"Data Source={Path.Combine(_dir, "state.db")};Pooling=False";
        _store = new EmbeddedSliStore(Options.Create(new EmbeddedStoreOptions { ConnectionString = connection }));
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["SloBot:Storage:ConnectionString"] = connection }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IConfiguration>(config);
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton<ISloCatalog>(new InMemorySloCatalog([new ServiceDefinition("payment", [Slo], Owners: ["U-OWNER"])]));
        services.AddSingleton<ISliSource>(_store);
        services.AddSloBotChat().AddBudgets().AddCatalogCommand().AddReleases().AddTiers().AddDesign().AddJourneys();
        services.AddSloBotStorage(config);
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    [Fact]
    public async Task Release_IncidentsInTheStore_BackWhenTheIncidentLeaves_AndTheBudgetIsThereThen()
    {
        // 100 events a minute for 31 days before now and 31 after; the future is clean (the projection's assumption).
        // 3 November 14:00–16:00 at 20 % errors (2,400 bad), 20 November 09:00–10:00 at 30 % (1,800): 4,200 of a
        // 4,320-event budget spent, 2.8 % left (critical).
        await _store.WriteAsync(Minutes(Now.AddDays(-31), Now.AddDays(31)), add: false, CancellationToken.None);

        var blocked = await AskAsync(Command);

        Assert.Equal(ReleaseExitCodes.Block, blocked.ExitCode);
        var data = (ReleaseDecisionData)blocked.Data!;
        Assert.Equal("critical", data.BudgetStatus);
        var wait = Assert.Single(data.Alternatives, a => a.Kind == "wait");
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 15, 0, 0, TimeSpan.Zero), wait.At);
        Assert.Equal(("attention", "defer"), (wait.Status, wait.Action));
        Assert.Contains("Wait until Thursday 3 December at 15:00 UTC", wait.Text, StringComparison.Ordinal);
        Assert.Contains("when the 3 November incident (14:00–16:00 UTC, 2,400 bad events) leaves the 30-day window", wait.Text, StringComparison.Ordinal);

        // The history is hourly, so the promise is "by then": an hour earlier none of the incident has left yet.
        _time.SetUtcNow(wait.At!.Value - TimeSpan.FromHours(1));
        var justBefore = (ReleaseDecisionData)(await AskAsync(Command)).Data!;
        _time.SetUtcNow(wait.At!.Value);
        var then = (ReleaseDecisionData)(await AskAsync(Command)).Data!;

        Assert.Equal(("critical", "block"), (justBefore.BudgetStatus, justBefore.Action));
        Assert.Equal(("attention", "defer"), (then.BudgetStatus, then.Action));

        var log = _provider.GetRequiredService<IReleaseDecisionLog>();
        var history = await log.ListAsync("payment", null, CancellationToken.None);
        Assert.Equal([then.DecisionId, justBefore.DecisionId, data.DecisionId], history.Select(d => d.Id));
        Assert.Equal([wait.At!.Value, wait.At!.Value - TimeSpan.FromHours(1), Now], history.Select(d => d.DecidedAt));
    }

    private async Task<Reply> AskAsync(string text)
    {
        var responder = new Capture();
        await _provider.GetRequiredService<IChatEventSink>().HandleAsync(
            new CommandEvent(Guid.NewGuid().ToString("N"), new ConversationKey("slack", "C-REL"), new ChatUser("U-DEV"), _time.GetUtcNow(), text),
            responder,
            CancellationToken.None);
        return responder.Reply!;
    }

    private static IEnumerable<MinuteCounts> Minutes(DateTimeOffset from, DateTimeOffset to)
    {
        var a = new DateTimeOffset(2026, 11, 3, 14, 0, 0, TimeSpan.Zero);
        var b = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
        for (var m = from; m < to; m += TimeSpan.FromMinutes(1))
        {
            var bad = m >= a && m < a.AddHours(2) ? 20 : m >= b && m < b.AddHours(1) ? 30 : 0;
            yield return new MinuteCounts(Slo.Id, m, 100 - bad, 100);
        }
    }

    private sealed class Capture : IChatResponder
    {
        public Reply? Reply { get; private set; }

        public Task RespondAsync(Reply reply, CancellationToken cancellationToken)
        {
            Reply = reply;
            return Task.CompletedTask;
        }
    }

    public void Dispose()
    {
        _provider.Dispose();
        _store.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
