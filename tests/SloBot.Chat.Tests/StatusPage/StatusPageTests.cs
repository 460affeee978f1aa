using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SloBot.Chat.Budgets;
using SloBot.Chat.Catalog;
using SloBot.Chat.Conversations;
using SloBot.Chat.Delivery;
using SloBot.Chat.Design;
using SloBot.Chat.Events;
using SloBot.Chat.Journeys;
using SloBot.Chat.Releases;
using SloBot.Chat.Replies;
using SloBot.Chat.Retrospectives;
using SloBot.Chat.Reviews;
using SloBot.Chat.Schedules;
using SloBot.Chat.StatusPage;
using SloBot.Chat.Tests.Conversations;
using SloBot.Chat.Tiers;
using SloBot.Core.Catalog;
using SloBot.Core.Sli;
using Xunit;
using SloBot.Testing;

namespace SloBot.Chat.Tests.StatusPage;

/// <summary>
/// Issue 15 item 6: the customers' status page — availability of the listed services under their public names,
/// incidents and their resolutions, no internal names, SLOs, targets or budgets; "no data" never reads as operational.
/// </summary>
public sealed class StatusPageTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static readonly InMemorySloCatalog Catalog = new(
    [
        new ServiceDefinition("pay-core-7", [Slo("pay-core-7", "availability", 0.999), Slo("pay-core-7", "latency-p99", 0.99)], Description: "internal payment gateway"),
        new ServiceDefinition("srch-es-2", [Slo("srch-es-2", "query-success", 0.995)]),
        new ServiceDefinition("internal-billing", [Slo("internal-billing", "availability", 0.99)]),
    ]);

    private readonly SyntheticTraffic _traffic = new() { RequestsPerSecond = 10, BaselineErrorRatio = 0.0002 };

    [Fact]
    public async Task Availability_IsGoodOverTotalOfThePeriod_UnderThePublicName()
    {
        using var services = Services(("pay-core-7", "Payments"), ("srch-es-2", "Search"));
        var from = Now.AddDays(-7);

        var page = await Builder(services).BuildAsync(from, Now, days: false, CancellationToken.None);

        Assert.Equal(["Payments", "Search"], page.Services.Select(s => s.Name));
        var expected = _traffic.Count(from, Now);
        Assert.Equal(expected.Good / expected.Total, page.Services[0].Availability!.Value, 12);
        Assert.Equal(0.9998, page.Services[0].Availability!.Value, 9);
        Assert.All(page.Services, s => Assert.Equal(StatusWords.Operational, s.Status)); // 0.02 % errors: burn 0.2 and 0.04
        Assert.Empty(page.Problems);
    }

    [Fact]
    public async Task NoEvents_IsNoData_NeverOperational()
    {
        _traffic.RequestsPerSecond = 0;
        using var services = Services(("pay-core-7", "Payments"));

        var page = await Builder(services).BuildAsync(Now.AddDays(-7), Now, days: true, CancellationToken.None);
        var html = StatusPageRender.Html(page, TimeZoneInfo.Utc);

        var payments = Assert.Single(page.Services);
        Assert.Null(payments.Availability);
        Assert.Equal(StatusWords.NoData, payments.Status);
        Assert.All(payments.Days, d => Assert.Null(d.Availability));
        Assert.Contains("no data availability", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Operational", html, StringComparison.Ordinal);
        Assert.DoesNotContain("100", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(9_995, 10_000, 0.999, StatusWords.Operational)] // burn 0.5
    [InlineData(9_990, 10_000, 0.995, StatusWords.Operational)] // burn 0.2
    [InlineData(9_900, 10_000, 0.999, StatusWords.Degraded)] // burn 10
    [InlineData(9_857, 10_000, 0.999, StatusWords.Degraded)] // burn 14.3
    [InlineData(9_850, 10_000, 0.999, StatusWords.MajorOutage)] // burn 15
    [InlineData(0, 10_000, 0.999, StatusWords.MajorOutage)]
    [InlineData(0, 0, 0.999, StatusWords.NoData)]
    [InlineData(10_000, 10_000, 1.0, StatusWords.Operational)] // a 100 % target met
    [InlineData(9_999, 10_000, 1.0, StatusWords.MajorOutage)] // ...and missed: no budget at all
    public void StatusNow_FollowsTheLastHoursBurnRate(double good, double total, double target, string expected) =>
        Assert.Equal(expected, StatusPageBuilder.Status(Slo("x", "availability", target), new EventCounts(good, total)));

    [Fact]
    public async Task PageAndPost_ShowNoInternalNamesSlosTargetsOrBudgets()
    {
        _traffic.IncidentStart = Now.AddDays(-2);
        _traffic.IncidentEnd = Now.AddDays(-2).AddHours(2);
        using var services = Services(("pay-core-7", "Payments"), ("srch-es-2", "Search"));
        var page = await Builder(services).BuildAsync(Now.AddDays(-7), Now, days: true, CancellationToken.None);

        var html = StatusPageRender.Html(page, TimeZoneInfo.Utc);
        var post = StatusPageRender.Post(page, TimeZoneInfo.Utc).PlainText();
        var json = JsonSerializer.Serialize(page.ToData(), Web);
        Assert.NotEmpty(page.Incidents);
        foreach (var text in new[] { html, post, json })
        {
            foreach (var secret in new[] { "pay-core", "srch-es", "internal-billing", "latency", "query-success", "gateway", "budget", "burn", "target", "SLO" })
                Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("Payments", text, StringComparison.Ordinal);
            Assert.Contains("Search", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task IncidentFromTheData_IsOnThePage_MergedAcrossTheServicesSlos_AndResolved()
    {
        // Both of the payment service's SLOs burn through the same two hours: customers saw one incident.
        _traffic.IncidentStart = Now.AddDays(-2);
        _traffic.IncidentEnd = Now.AddDays(-2).AddHours(2);
        using var services = Services(("pay-core-7", "Payments"));

        var page = await Builder(services).BuildAsync(Now.AddDays(-7), Now, days: false, CancellationToken.None);

        var incident = Assert.Single(page.Incidents);
        Assert.Equal(["Payments"], incident.Services);
        Assert.Equal(_traffic.IncidentStart, incident.Start);
        Assert.Equal(_traffic.IncidentEnd, incident.End);
        Assert.True(incident.Resolved);
        Assert.False(incident.Reviewed);
        Assert.Equal("Payments: degraded service on 21 November 2026 from 12:00 to 14:00 UTC (2 hours 0 minutes). Resolved.", StatusPageRender.IncidentLine(incident, TimeZoneInfo.Utc));
    }

    [Fact]
    public void Merge_JoinsOverlapsOfAService_KeepsOthersApart()
    {
        var t = Now;
        var merged = StatusPageBuilder.Merge(
        [
            new StatusPageIncident(["Payments"], t, t.AddHours(2), 7200, Resolved: true, Reviewed: false),
            new StatusPageIncident(["Payments", "Checkout"], t.AddHours(1), t.AddHours(3), 7200, Resolved: true, Reviewed: true),
            new StatusPageIncident(["Search"], t.AddHours(1), t.AddHours(2), 3600, Resolved: true, Reviewed: false),
            new StatusPageIncident(["Payments"], t.AddHours(3), t.AddHours(4), 3600, Resolved: false, Reviewed: false), // starts as the first ends
        ]);

        Assert.Equal(3, merged.Count);
        Assert.Equal((t, t.AddHours(3), 3 * 3600.0, true, true), (merged[0].Start, merged[0].End, merged[0].DurationSeconds, merged[0].Resolved, merged[0].Reviewed));
        Assert.Equal(["Payments", "Checkout"], merged[0].Services);
        Assert.Equal(["Search"], merged[1].Services);
        Assert.False(merged[2].Resolved);
    }

    [Fact]
    public async Task PublicNames_AreHtmlEncoded()
    {
        using var services = Services(("pay-core-7", "<script>alert(1)</script> & Co"));
        var page = await Builder(services).BuildAsync(Now.AddDays(-1), Now, days: true, CancellationToken.None);

        var html = StatusPageRender.Html(page, TimeZoneInfo.Utc);

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownServiceOrSlo_IsATeamProblem_NeverOnThePage()
    {
        using var services = Services(
            new Dictionary<string, string?>
            {
                ["SloBot:StatusPage:Services:pay-core-8"] = "Payments",
                ["SloBot:StatusPage:Services:srch-es-2:Name"] = "Search",
                ["SloBot:StatusPage:Services:srch-es-2:Slo"] = "query-sucess",
            });

        var page = await Builder(services).BuildAsync(Now.AddDays(-7), Now, days: false, CancellationToken.None);
        var post = StatusPageRender.Post(page, TimeZoneInfo.Utc);

        Assert.Empty(page.Services);
        Assert.Equal(2, page.Problems.Count);
        Assert.Contains("SloBot:StatusPage:Services:pay-core-8 names no catalog service — did you mean `pay-core-7`?", page.Problems[0], StringComparison.Ordinal);
        Assert.Contains("(`query-sucess` — did you mean `query-success`?)", page.Problems[1], StringComparison.Ordinal);
        Assert.Contains("did you mean `pay-core-7`", post.Context, StringComparison.Ordinal); // the team sees it in chat
        Assert.DoesNotContain("pay-core", JsonSerializer.Serialize(page.ToData(), Web), StringComparison.Ordinal); // customers do not
        Assert.DoesNotContain("pay-core", StatusPageRender.Html(page, TimeZoneInfo.Utc), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SourceFailure_IsNoDataWithTheReasonForTheTeam()
    {
        using var services = Services(s => s.AddSingleton<ISliSource>(new TestSliSource { Refusal = "query refused" }), ("pay-core-7", "Payments"));

        var page = await Builder(services).BuildAsync(Now.AddDays(-7), Now, days: false, CancellationToken.None);

        Assert.Equal(1, page.SourceFailures);
        Assert.Equal(StatusWords.NoData, Assert.Single(page.Services).Status);
        Assert.Null(page.Services[0].Availability);
        Assert.Contains("Payments: query refused", Assert.Single(page.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SummaryCustomers_IsTheWeeksPostInChat_WithItsJson()
    {
        using var services = Services(("pay-core-7", "Payments"));
        var responder = new Responder();

        await services.GetRequiredService<IChatEventSink>().HandleAsync(new CommandEvent("e1", new ConversationKey("test", "C1"), new ChatUser("U1"), Now, "/slo summary customers"), responder, CancellationToken.None);

        var reply = Assert.Single(responder.Replies);
        Assert.Equal(0, reply.ExitCode);
        Assert.Equal("Acme status · 23 November 2026", reply.Header);
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(reply.Data, Web));
        Assert.Equal("customers", json.RootElement.GetProperty("kind").GetString());
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero), json.RootElement.GetProperty("from").GetDateTimeOffset()); // since its last time: this Monday, 09:00
        var service = Assert.Single(json.RootElement.GetProperty("services").EnumerateArray());
        Assert.Equal("Payments", service.GetProperty("name").GetString());
        Assert.Equal(0.9998, service.GetProperty("availability").GetDouble(), 9);
        Assert.Equal(0, json.RootElement.GetProperty("problems").GetArrayLength());
    }

    [Theory]
    [InlineData("SloBot:StatusPage:Days", "0", "SloBot:StatusPage:Days '0' must be a whole number of days from 1 to 366")]
    [InlineData("SloBot:StatusPage:Services:pay-core-7:Nmae", "Payments", "SloBot:StatusPage:Services:pay-core-7:Nmae is not a status page setting — did you mean `Name`?")]
    [InlineData("SloBot:StatusPage:Services:pay-core-7:Name", " ", "SloBot:StatusPage:Services:pay-core-7 needs the name customers know it by")]
    [InlineData("SloBot:StatusPage:Title", "", "SloBot:StatusPage:Title must be 1 to 100 characters")]
    public void BadSettings_AreNamedAtStart(string key, string value, string message)
    {
        using var services = Services(new Dictionary<string, string?> { [key] = value });
        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<StatusPageOptions>>().Value);
        Assert.Contains(failure.Failures, f => f.Contains(message, StringComparison.Ordinal));
    }

    private static SloDefinition Slo(string service, string name, double target) => new(service, name, target, TimeSpan.FromDays(30), SliQuery.EmbeddedOnly);

    private static StatusPageBuilder Builder(IServiceProvider services) => services.GetRequiredService<StatusPageBuilder>();

    private ServiceProvider Services(params (string Service, string Name)[] listed) => Services(_ => { }, listed);

    private ServiceProvider Services(Action<IServiceCollection> configure, params (string Service, string Name)[] listed) =>
        Services(listed.ToDictionary(l => $"SloBot:StatusPage:Services:{l.Service}", l => (string?)l.Name), configure);

    private ServiceProvider Services(Dictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        settings.TryAdd("SloBot:StatusPage:Title", "Acme status");
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging()
            .AddSingleton<TimeProvider>(new FakeTimeProvider(Now))
            .AddSingleton<ISloCatalog>(Catalog)
            .AddSingleton<ISliSource>(_traffic.Source())
            .AddSloBotChat().AddBudgets().AddCatalogCommand().AddReleases().AddTiers().AddDesign().AddJourneys()
            .AddSloBotConversations(config).AddRetrospectives().AddReviews().AddStatusPage(config).AddSloBotSchedules(config);
        configure?.Invoke(services);
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
