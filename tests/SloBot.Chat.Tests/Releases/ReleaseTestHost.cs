using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SloBot.Chat.Conversations;
using SloBot.Chat.Delivery;
using SloBot.Chat.Events;
using SloBot.Chat.Releases;
using SloBot.Chat.Replies;
using SloBot.Core.Catalog;
using SloBot.Core.Sli;
using SloBot.Chat.Budgets;
using SloBot.Chat.Catalog;
using SloBot.Chat.Tiers;
using SloBot.Chat.Design;
using SloBot.Chat.Journeys;
using SloBot.Chat.Retrospectives;
using SloBot.Chat.Reviews;
using SloBot.Testing;

namespace SloBot.Chat.Tests.Releases;

/// <summary>The chat layer as the host wires it, on a fake clock, a fixed catalog and hourly traffic (<see cref="HourlyTraffic"/>).</summary>
internal sealed class ReleaseTestHost : IDisposable
{
    public static readonly DateTimeOffset Monday = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    public static readonly ConversationKey Channel = new("slack", "C-RELEASES");

    private readonly ServiceProvider _provider;
    private int _events;

    public ReleaseTestHost(Action<IServiceCollection>? configure = null, Dictionary<string, string?>? settings = null, bool conversations = false)
    {
        Source = new TestSliSource(Traffic.Count);
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        if (conversations)
            services.AddSloBotConversations(configuration).AddRetrospectives().AddReviews();
        services.AddSingleton<ISloCatalog>(new InMemorySloCatalog(
        [
            new ServiceDefinition("payment", [Slo("payment", "availability")], Owners: ["U-OWNER"]),
            new ServiceDefinition("checkout", [Slo("checkout", "availability"), Slo("checkout", "latency")], Owners: ["<@U-CHK>"]),
        ]));
        services.AddSingleton<ISliSource>(Source);
        services.AddSingleton<IChatTransport>(Transport);
        services.AddSloBotChat(configuration).AddBudgets().AddCatalogCommand().AddReleases(configuration).AddTiers().AddDesign().AddJourneys();
        configure?.Invoke(services);
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    public FakeTimeProvider Time { get; } = new(Monday);

    public HourlyTraffic Traffic { get; } = new();

    public TestSliSource Source { get; }

    public RecordingTransport Transport { get; } = new();

    public IReleaseDecisionLog Log => _provider.GetRequiredService<IReleaseDecisionLog>();

    public T Get<T>()
        where T : notnull => _provider.GetRequiredService<T>();

    public Task<Reply?> AskAsync(string text, string user = "U-DEV", ConversationKey? where = null) =>
        _provider.GetRequiredService<ChatDispatcher>().ReplyToAsync(
            new CommandEvent($"ev{++_events}", where ?? Channel, new ChatUser(user, user.ToLowerInvariant()), Time.GetUtcNow(), text), CancellationToken.None);

    public Task<Reply?> SayAsync(ConversationKey where, string text, string user = "U-DEV") =>
        _provider.GetRequiredService<ChatDispatcher>().ReplyToAsync(
            new ThreadMessage($"ev{++_events}", where, new ChatUser(user), Time.GetUtcNow(), text), CancellationToken.None);

    public Task<Reply?> ClickAsync(string actionId, string? value, ChatUser user) =>
        _provider.GetRequiredService<ChatDispatcher>().ReplyToAsync(
            new ButtonClick($"ev{++_events}", Channel, user, Time.GetUtcNow(), actionId, value, "msg-1"), CancellationToken.None);

    public static SloDefinition Slo(string service, string name) =>
        new(service, name, 0.999, TimeSpan.FromDays(30), SliQuery.EmbeddedOnly);

    public void Dispose() => _provider.Dispose();
}

/// <summary>Keeps what the chat layer posted unprompted.</summary>
internal sealed class RecordingTransport : IChatTransport
{
    public List<(ConversationKey Where, Reply Reply)> Posts { get; } = [];

    public string Platform => "slack";

    public Task<PostedMessage> PostAsync(ConversationKey where, Reply reply, DeliveryIntent intent, CancellationToken cancellationToken)
    {
        Posts.Add((where, reply));
        return Task.FromResult(new PostedMessage(where, $"m{Posts.Count}"));
    }

    public Task<ConversationKey> StartThreadAsync(ConversationKey channel, Reply opening, string title, DeliveryIntent intent, CancellationToken cancellationToken) =>
        Task.FromResult(channel with { Thread = "t1" });
}
