using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SloBot.Chat.Delivery;
using SloBot.Chat.Events;
using SloBot.Chat.Replies;
using SloBot.Slack.Tests.Emulator;

namespace SloBot.Slack.Tests.Delivery;

/// <summary>One retry layer: posts carry their intent's key in the message metadata; the outbox delivers one intent once.</summary>
public sealed class DeliveryIntentTests
{
    private static readonly ConversationKey Channel = new("slack", "C0ALERTS");

    private static ServiceProvider Transport(SlackEmulator slack, Action<IServiceCollection>? more = null)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(SlackTestHost.Settings(slack)).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton(slack.Time);
        more?.Invoke(services);
        services.AddSlackTransport(config);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task SameIntent_AfterARestart_CarriesTheSameMetadataKey()
    {
        await using var slack = await SlackEmulator.StartAsync();
        var intent = DeliveryIntent.ScheduleRun("weekly-review", new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        foreach (var _ in new[] { "first process", "after the restart" })
        {
            await using var provider = Transport(slack);
            await provider.GetRequiredService<IChatTransport>().PostAsync(Channel, Reply.Text("review"), intent, CancellationToken.None);
        }

        var posts = slack.CallsOf("chat.postMessage");
        Assert.Equal(2, posts.Count);
        Assert.All(posts, p =>
        {
            var metadata = p.Body.GetProperty("metadata");
            Assert.Equal("slobot_delivery", metadata.GetProperty("event_type").GetString());
            Assert.Equal($"{intent.Key}:0", metadata.GetProperty("event_payload").GetProperty("key").GetString());
        });
    }

    [Fact]
    public async Task SameIntentDelivered_IsNotPostedAgain_InTheSameProcess()
    {
        await using var slack = await SlackEmulator.StartAsync();
        await using var provider = Transport(slack);
        var transport = provider.GetRequiredService<IChatTransport>();
        var intent = DeliveryIntent.AlertChange("payment/availability", "page", DateTimeOffset.UnixEpoch);

        var first = await transport.PostAsync(Channel, Reply.Text("paging"), intent, CancellationToken.None);
        var again = await transport.PostAsync(Channel, Reply.Text("paging"), intent, CancellationToken.None);

        Assert.Single(slack.CallsOf("chat.postMessage"));
        Assert.Equal(first.MessageId, again.MessageId);
    }
}
