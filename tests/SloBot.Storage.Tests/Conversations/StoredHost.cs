using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SloBot.Chat;
using SloBot.Chat.Conversations;
using SloBot.Chat.Delivery;
using SloBot.Chat.Events;
using SloBot.Chat.Replies;
using SloBot.Chat.Tests.Conversations;
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

namespace SloBot.Storage.Tests.Conversations;

/// <summary>
/// One "process": the chat layer, the conversation engine and the store at <paramref name="connectionString"/>. Dispose
/// it and build another on the same store to simulate a restart.
/// </summary>
internal sealed class StoredHost : IDisposable
{
    public static readonly ConversationKey Channel = new("slack", "C1");
    public static readonly DateTimeOffset IncidentStart = new(2026, 11, 22, 14, 0, 0, TimeSpan.Zero);

    private static int _events;

    public StoredHost(string connectionString, FakeTimeProvider time, FakeTransport transport)
    {
        Time = time;
        Transport = transport;
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SloBot:Storage:ConnectionString"] = connectionString,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        services.AddSloBotChat().AddBudgets().AddCatalogCommand().AddReleases().AddTiers().AddDesign().AddJourneys();
        services.AddSloBotConversations(config).AddRetrospectives().AddReviews();
        services.AddSloBotStorage(config);
        services.AddSingleton<IChatTransport>(transport);
        services.AddSingleton<ISloCatalog>(new InMemorySloCatalog(
        [
            new ServiceDefinition("payment", [new SloDefinition("payment", "availability", 0.999, TimeSpan.FromDays(30), SliQuery.EmbeddedOnly)]),
        ]));
        services.AddSingleton<ISliSource>(new SyntheticTraffic { IncidentStart = IncidentStart, IncidentEnd = IncidentStart.AddMinutes(45) }.Source());
        Services = services.BuildServiceProvider();
    }

    public FakeTimeProvider Time { get; }

    public FakeTransport Transport { get; }

    public ServiceProvider Services { get; }

    public IConversationStore Store => Services.GetRequiredService<IConversationStore>();

    public Task<Reply?> CommandAsync(ConversationKey where, string text) =>
        SendAsync(new CommandEvent(NextId(), where, new ChatUser("U1"), Time.GetUtcNow(), text));

    public Task<Reply?> SayAsync(ConversationKey where, string text) =>
        SendAsync(new ThreadMessage(NextId(), where, new ChatUser("U1"), Time.GetUtcNow(), text));

    public Task<Reply?> ClickAsync(ConversationKey where, ReplyButton button) =>
        SendAsync(new ButtonClick(NextId(), where, new ChatUser("U1"), Time.GetUtcNow(), button.ActionId, button.Value, "m1"));

    public void Dispose() => Services.Dispose();

    private async Task<Reply?> SendAsync(ChatEvent e)
    {
        var responder = new Capture();
        await Services.GetRequiredService<IChatEventSink>().HandleAsync(e, responder, CancellationToken.None);
        if (responder.Reply?.PlainText().Contains("Something went wrong", StringComparison.Ordinal) == true)
            throw new InvalidOperationException(responder.Reply.PlainText());
        return responder.Reply;
    }

    private static string NextId() => $"e{Interlocked.Increment(ref _events)}";

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
