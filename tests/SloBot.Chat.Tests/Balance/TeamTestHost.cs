using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SloBot.Chat.Balance;
using SloBot.Chat.Budgets;
using SloBot.Chat.Conversations;
using SloBot.Chat.Delivery;
using SloBot.Chat.Events;
using SloBot.Chat.Replies;
using SloBot.Chat.Retrospectives;
using SloBot.Chat.Reviews;
using SloBot.Chat.Schedules;
using SloBot.Chat.Tests.Budgets;
using SloBot.Core.Catalog;
using SloBot.Core.Sli;
using Xunit;
using SloBot.Testing;

namespace SloBot.Chat.Tests.Balance;

/// <summary>
/// The chat layer with the team commands on a fake clock and <see cref="TestSliSource"/>: payment availability at
/// 99.95 % of 99.9, payment latency at 99.5 % of 99, search availability (99.5) without data.
/// </summary>
internal sealed class TeamTestHost
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Month = TimeSpan.FromDays(30);
    public static readonly SloDefinition Availability = new("payment", "availability", 0.999, Month, SliQuery.EmbeddedOnly);
    public static readonly SloDefinition Latency = new("payment", "latency", 0.99, Month, SliQuery.EmbeddedOnly);
    public static readonly SloDefinition Search = new("search", "availability", 0.995, Month, SliQuery.EmbeddedOnly);

    public TestSliSource Source { get; } = new TestSliSource()
        .With(Availability.Id, Month, 9_995, 10_000)
        .With(Latency.Id, Month, 995, 1_000);

    public ServiceProvider Build(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build();
        var services = new ServiceCollection().AddLogging()
            .AddSingleton<IConfiguration>(config)
            .AddSingleton<TimeProvider>(new FakeTimeProvider(Now))
            .AddSingleton<ISloCatalog>(new InMemorySloCatalog([new ServiceDefinition("payment", [Availability, Latency]), new ServiceDefinition("search", [Search])]))
            .AddSingleton<ISliSource>(Source);
        services.AddSloBotChat().AddBudgets().AddSloBotConversations(config).AddRetrospectives().AddReviews().AddSloBotSchedules(config).AddBalance(config);
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    public async Task<Reply> AskAsync(string text, Dictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        using var services = Build(settings, configure);
        return await AskAsync(services, text);
    }

    public static async Task<Reply> AskAsync(IServiceProvider services, string text)
    {
        var responder = new Responder();
        await services.GetRequiredService<IChatEventSink>().HandleAsync(new CommandEvent("e1", new ConversationKey("test", "C1"), new ChatUser("U1"), Now, text), responder, CancellationToken.None);
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
