using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SloBot.Chat;
using SloBot.Chat.Conversations;
using SloBot.Chat.Delivery;
using SloBot.Chat.Events;
using SloBot.Chat.Replies;
using SloBot.Core.Catalog;
using SloBot.IntegrationTests.Prometheus;
using SloBot.Sli.Prometheus;
using Xunit;
using SloBot.Chat.Budgets;
using SloBot.Chat.Catalog;
using SloBot.Chat.Releases;
using SloBot.Chat.Tiers;
using SloBot.Chat.Design;
using SloBot.Chat.Journeys;
using SloBot.Chat.Retrospectives;
using SloBot.Chat.Reviews;

namespace SloBot.IntegrationTests.Retrospectives;

/// <summary>
/// The retrospective's SLO impact from a real Prometheus history with a known incident (the shared fixture: payment at
/// 1,000 requests a minute, 0.02 % errors, 2 % errors for 30 minutes from 14 January 22:00 UTC, two hours before "now"; its 30-day window lies inside the recorded history), checked against the
/// generator's exact counts.
/// </summary>
[Collection(PrometheusCollection.Name)]
public sealed class RetrospectiveImpactPrometheusTests(PrometheusFixture fixture)
{
    private static readonly SloDefinition Payment = new(
        "payment",
        "availability",
        0.9995,
        TimeSpan.FromDays(30),
        new SliQuery(SliQueryKind.Counter, "sum(http_requests_total{service=\"payment\",code!~\"5..\"})", null, "sum(http_requests_total{service=\"payment\"})"));

    [Fact]
    public async Task RetroStart_KnownIncident_ImpactEqualsTheExactCounts()
    {
        var start = new DateTimeOffset(2026, 1, 14, 22, 0, 0, TimeSpan.Zero);
        var end = start.AddMinutes(30);
        using var provider = Build(fixture.Server.Url, PrometheusFixture.End);
        var where = new ConversationKey("test", "C1", "thread-1");

        var reply = await AskAsync(provider, where, "/slo retro start INC-5 payment 2026-01-14T22:00Z/2026-01-14T22:30Z");

        Assert.Contains("SLO impact", reply.Header);
        var record = await provider.GetRequiredService<IConversationStore>().FindActiveAsync(where, CancellationToken.None);
        var impact = JsonNode.Parse(record!.Data)!["slo_impact"]!["items"]![0]!;

        var (goodDuring, totalDuring) = fixture.Traffic.Count("payment", end, end - start);
        var (_, totalWindow) = fixture.Traffic.Count("payment", end, Payment.Window);
        var (goodNow, totalNow) = fixture.Traffic.Count("payment", PrometheusFixture.End, Payment.Window);
        var failed = totalDuring - goodDuring;
        Near(failed, impact["failedEvents"]!.GetValue<double>());
        Near(totalDuring, impact["totalEvents"]!.GetValue<double>());
        Near(failed / (totalWindow * (1 - Payment.Target)), impact["budgetConsumed"]!.GetValue<double>());
        Near(goodDuring / totalDuring, impact["availabilityDuring"]!.GetValue<double>());
        Near(1 - ((totalNow - goodNow) / totalNow / (1 - Payment.Target)), impact["budgetRemainingNow"]!.GetValue<double>());
        // sanity on the known incident: its errors (hundreds) dwarf the baseline's (~6 in 30 minutes)
        Assert.InRange(failed, 300, 700);
        Assert.Contains("payment/availability", reply.PlainText());
    }

    private static void Near(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-6 * Math.Max(1, Math.Abs(expected)), $"expected {expected}, got {actual}");

    private static ServiceProvider Build(Uri prometheus, DateTimeOffset now)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SloBot:Sli:Prometheus:Url"] = prometheus.ToString(),
            ["SloBot:Sli:Prometheus:Timeout"] = "60s",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(now));
        services.AddSingleton<ISloCatalog>(new InMemorySloCatalog([new ServiceDefinition("payment", [Payment])]));
        services.AddSloBotChat().AddBudgets().AddCatalogCommand().AddReleases().AddTiers().AddDesign().AddJourneys();
        services.AddSloBotConversations(config).AddRetrospectives().AddReviews();
        services.AddPrometheusSliSource(config);
        return services.BuildServiceProvider();
    }

    private static async Task<Reply> AskAsync(IServiceProvider provider, ConversationKey where, string text)
    {
        var responder = new Capture();
        await provider.GetRequiredService<IChatEventSink>().HandleAsync(new CommandEvent(Guid.NewGuid().ToString("N"), where, new ChatUser("U1"), PrometheusFixture.End, text), responder, CancellationToken.None);
        return responder.Reply ?? throw new InvalidOperationException("no reply");
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
}
