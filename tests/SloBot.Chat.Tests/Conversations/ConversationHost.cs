using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SloBot.Chat.Conversations;
using SloBot.Chat.Events;
using SloBot.Chat.Replies;
using SloBot.Core.Catalog;
using SloBot.Core.Sli;
using SloBot.Chat.Budgets;
using SloBot.Chat.Catalog;
using SloBot.Chat.Releases;
using SloBot.Chat.Tiers;
using SloBot.Chat.Design;
using SloBot.Chat.Journeys;
using SloBot.Chat.Retrospectives;
using SloBot.Chat.Reviews;
using SloBot.Testing;

namespace SloBot.Chat.Tests.Conversations;

/// <summary>The chat layer with the conversation engine, a fake clock, a fake transport and the demo flow.</summary>
internal sealed class ConversationHost : IDisposable
{
    public static readonly ConversationKey Channel = new("slack", "C1");

    private int _events;

    public ConversationHost(Action<IServiceCollection>? configure = null, IConversationStore? store = null, FakeTimeProvider? time = null)
    {
        Time = time ?? new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SloBot:Conversations:RemindAfter"] = "01:00:00",
            ["SloBot:Conversations:AbandonAfter"] = "1.00:00:00",
        }).Build();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        services.AddSloBotChat().AddBudgets().AddCatalogCommand().AddReleases().AddTiers().AddDesign().AddJourneys();
        services.AddSloBotConversations(config).AddRetrospectives().AddReviews();
        if (store is not null)
            services.AddSingleton(store);
        services.AddSingleton<Delivery.IChatTransport>(Transport);
        services.AddSingleton<ISloCatalog>(Catalog);
        services.AddSingleton<ISliSource>(Sli.Source());
        services.AddSingleton<ConversationFlow>(Demo);
        configure?.Invoke(services);
        Services = services.BuildServiceProvider();
    }

    public FakeTimeProvider Time { get; }

    public FakeTransport Transport { get; } = new();

    public SyntheticTraffic Sli { get; } = new();

    public InMemorySloCatalog Catalog { get; } = new(
    [
        new ServiceDefinition("payment", [new SloDefinition("payment", "availability", 0.999, TimeSpan.FromDays(30), SliQuery.EmbeddedOnly)], Tier: "1"),
        new ServiceDefinition("search", [new SloDefinition("search", "availability", 0.99, TimeSpan.FromDays(30), SliQuery.EmbeddedOnly)], Tier: "3"),
    ]);

    public DemoFlow Demo { get; } = new();

    public ServiceProvider Services { get; }

    public ConversationEngine Engine => Services.GetRequiredService<ConversationEngine>();

    public ChatDispatcher Dispatcher => Services.GetRequiredService<ChatDispatcher>();

    public async Task<(ConversationRecord Record, Reply Prompt)> StartDemoAsync(string thread = "t-demo")
    {
        var (record, prompt) = await Engine.StartAsync(Demo, Channel with { Thread = thread }, new ChatUser("U1"), "D-1", [], null, CancellationToken.None);
        return (record, prompt!);
    }

    public Task<Reply?> SayAsync(ConversationKey where, string text) =>
        Dispatcher.ReplyToAsync(new ThreadMessage($"e{Interlocked.Increment(ref _events)}", where, new ChatUser("U1"), Time.GetUtcNow(), text), CancellationToken.None);

    public Task<Reply?> CommandAsync(ConversationKey where, string text) =>
        Dispatcher.ReplyToAsync(new CommandEvent($"e{Interlocked.Increment(ref _events)}", where, new ChatUser("U1"), Time.GetUtcNow(), text), CancellationToken.None);

    public Task<Reply?> ClickAsync(ConversationKey where, ReplyButton button) =>
        Dispatcher.ReplyToAsync(new ButtonClick($"e{Interlocked.Increment(ref _events)}", where, new ChatUser("U1"), Time.GetUtcNow(), button.ActionId, button.Value, "m1"), CancellationToken.None);

    public async Task<ConversationRecord> RecordAsync(string id) => (await Engine.Store.GetAsync(id, CancellationToken.None))!;

    public void Dispose() => Services.Dispose();
}
