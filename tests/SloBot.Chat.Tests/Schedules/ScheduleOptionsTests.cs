using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SloBot.Chat.Alerts;
using SloBot.Chat.Conversations;
using SloBot.Chat.Delivery;
using SloBot.Chat.Events;
using SloBot.Chat.Replies;
using SloBot.Chat.Roles;
using SloBot.Chat.Schedules;
using SloBot.Chat.Tests.Budgets;
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

public sealed class ScheduleOptionsTests
{
    [Fact]
    public void WrongKeys_AreEachNamed_WithWhatWasExpected()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new()
        {
            ["SloBot:Schedule:TimeZone"] = "Europe/Londn",
            ["SloBot:Schedule:Executives:Channel"] = "slak:C1",
            ["SloBot:Schedule:Executives:Cron"] = "0 9 31 2 * *",
            ["SloBot:Schedule:Product:Channel"] = "C0123",
        }).Value);

        Assert.Contains("SloBot:Schedule:TimeZone 'Europe/Londn' is not a known time zone — did you mean `Europe/London`?", error.Message, StringComparison.Ordinal);
        Assert.Contains("SloBot:Schedule:Executives:Channel names platform 'slak' — did you mean `slack`? Platforms: slack, discord.", error.Message, StringComparison.Ordinal);
        Assert.Contains("SloBot:Schedule:Executives:Cron '0 9 31 2 * *' is not a five-field cron expression", error.Message, StringComparison.Ordinal);
        Assert.Contains("SloBot:Schedule:Product:Channel 'C0123' must be platform:channel, e.g. slack:C0123ABCD or discord:123456789012345678.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_FollowSeed004sFrequencies_AtNineLocal()
    {
        var posts = Resolve(new()
        {
            ["SloBot:Schedule:TimeZone"] = "America/New_York",
            ["SloBot:Schedule:WeeklyReview:Channel"] = "slack:C1",
            ["SloBot:Schedule:Executives:Channel"] = "discord:42",
            ["SloBot:Schedule:Engineering:Channel"] = "slack:C2",
            ["SloBot:Schedule:Engineering:TimeZone"] = "Asia/Tokyo",
        }).Value.Posts();

        Assert.Equal(["weekly-review:0 9 * * MON:America/New_York", "executives:0 9 1 * *:America/New_York", "engineering:0 9 * * MON-FRI:Asia/Tokyo"],
            posts.Select(p => $"{p.Job}:{p.CronText}:{p.Zone.Id}"));
        Assert.Equal(new ConversationKey("discord", "42"), posts[1].Channel);
        Assert.Equal([TimeSpan.FromHours(12), TimeSpan.FromHours(12), TimeSpan.FromHours(2)], posts.Select(p => p.Grace));
    }

    [Fact]
    public async Task Summary_UnknownAudience_DidYouMean_ExitTwo()
    {
        var reply = await AskAsync("/slo summary engineerng");

        Assert.Equal(ExitCodes.BadCommand, reply.ExitCode);
        Assert.Contains("`engineerng` is not a choice for `audience` — did you mean `engineering`?", reply.PlainText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Summary_Executives_CoversTheMonthSoFar_FromLiveBudgets()
    {
        var reply = await AskAsync("/slo summary executives");

        Assert.Equal(ExitCodes.Answered, reply.ExitCode);
        Assert.Equal("SLO summary for executives · 1 November 2026 to 23 November 2026", reply.Header);
        Assert.Contains("1 of 1 service", reply.PlainText(), StringComparison.Ordinal);
        Assert.Contains("payment availability: 50 % left", reply.PlainText(), StringComparison.Ordinal); // 3 days at this rate: a risk
    }

    [Fact]
    public void Channel_OnAPlatformATransportRegistered_IsAccepted_NoListInTheChatLayer()
    {
        var posts = Resolve(new() { ["SloBot:Schedule:WeeklyReview:Channel"] = "matrix:!room:example.org" }, ("matrix", "!room:example.org")).Value.Posts();

        Assert.Equal(new ConversationKey("matrix", "!room:example.org"), Assert.Single(posts).Channel);
    }

    [Fact]
    public void Channel_OnAPlatformNotRegistered_IsRefused_WithTheRegisteredOnes()
    {
        // "console" is SloBot's own terminal, registered by the host; a chat layer without it does not know it
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new() { ["SloBot:Schedule:Engineering:Channel"] = "console:terminal" }).Value);

        Assert.Equal("SloBot:Schedule:Engineering:Channel names platform 'console'. Platforms: slack, discord.", Assert.Single(error.Failures));
    }

    [Fact]
    public void AlertsChannel_UnknownPlatform_DidYouMean_WrongShape_TheForm()
    {
        Assert.Equal(
            "SloBot:Alerts:Channel names platform 'discrod' — did you mean `discord`? Platforms: slack, discord.",
            Assert.Single(Assert.Throws<OptionsValidationException>(() => ResolveAlerts("discrod:42").Value).Failures));
        Assert.Equal(
            "SloBot:Alerts:Channel 'C0ALERTS' must be platform:channel, e.g. slack:C0123ABCD or discord:123456789012345678.",
            Assert.Single(Assert.Throws<OptionsValidationException>(() => ResolveAlerts("C0ALERTS").Value).Failures));
        Assert.Equal("slack:C0ALERTS", ResolveAlerts("slack:C0ALERTS").Value.Channel);
    }

    [Fact]
    public void RoleIds_WithSpaces_AreRefused_NamingTheRegisteredPlatformsIdForms()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["SloBot:Roles:SloOwner:0"] = "Jane Doe" }).Build();
        var services = Platforms(new ServiceCollection().AddLogging(), []).AddSloBotChat(config).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<RoleOptions>>().Value);

        Assert.Contains("holds 'Jane Doe', which is not a platform user or group id (Slack user U… or user group S…, Discord user or role snowflake)", Assert.Single(error.Failures), StringComparison.Ordinal);
    }

    /// <summary>What the Slack and Discord projects register (AddSlackPlatform, AddDiscordPlatform), plus any other.</summary>
    private static IServiceCollection Platforms(IServiceCollection services, (string Name, string Channel)[] more)
    {
        services.AddChatPlatform("slack", "C0123ABCD", "Slack user U… or user group S…").AddChatPlatform("discord", "123456789012345678", "Discord user or role snowflake");
        foreach (var (name, channel) in more)
            services.AddChatPlatform(name, channel, $"{name} user id");
        return services;
    }

    private static IOptions<AlertOptions> ResolveAlerts(string channel)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["SloBot:Alerts:Channel"] = channel }).Build();
        return Platforms(new ServiceCollection().AddLogging(), []).AddSloBotAlerts(config).BuildServiceProvider().GetRequiredService<IOptions<AlertOptions>>();
    }

    private static IOptions<ScheduleOptions> Resolve(Dictionary<string, string?> settings, params (string Name, string Channel)[] morePlatforms)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = Platforms(new ServiceCollection().AddLogging(), morePlatforms).AddSloBotChat().AddBudgets().AddCatalogCommand().AddReleases().AddTiers().AddDesign().AddJourneys().AddSloBotConversations(config).AddRetrospectives().AddReviews().AddSloBotSchedules(config);
        return services.BuildServiceProvider().GetRequiredService<IOptions<ScheduleOptions>>();
    }

    private static async Task<Reply> AskAsync(string text)
    {
        var now = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
        var payment = new SloDefinition("payment", "availability", 0.999, TimeSpan.FromDays(30), SliQuery.EmbeddedOnly);
        var config = new ConfigurationBuilder().Build();
        var services = new ServiceCollection().AddLogging()
            .AddSingleton<TimeProvider>(new FakeTimeProvider(now))
            .AddSingleton<ISloCatalog>(new InMemorySloCatalog([new ServiceDefinition("payment", [payment])]))
            .AddSingleton<ISliSource>(new TestSliSource()
                .With(payment.Id, payment.Window, 999_500, 1_000_000)
                .With(payment.Id, TimeSpan.FromDays(3), 99_900, 100_000)
                .With(payment.Id, TimeSpan.FromHours(1), 9_950, 10_000)
                .With(payment.Id, TimeSpan.FromHours(6), 59_700, 60_000))
            .AddSloBotChat().AddBudgets().AddCatalogCommand().AddReleases().AddTiers().AddDesign().AddJourneys().AddSloBotConversations(config).AddRetrospectives().AddReviews().AddSloBotSchedules(config)
            .BuildServiceProvider();
        var responder = new Responder();
        await services.GetRequiredService<IChatEventSink>().HandleAsync(new CommandEvent("e1", new ConversationKey("test", "C1"), new ChatUser("U1"), now, text), responder, CancellationToken.None);
        return Assert.Single(responder.Replies);
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
