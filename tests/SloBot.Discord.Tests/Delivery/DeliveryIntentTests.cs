using Microsoft.Extensions.DependencyInjection;
using SloBot.Chat.Delivery;
using SloBot.Chat.Events;
using SloBot.Chat.Replies;
using SloBot.Discord.Delivery;
using SloBot.Discord.Tests.Emulator;

namespace SloBot.Discord.Tests.Delivery;

/// <summary>One retry layer: the outbox retries a create whose answer was lost, and the intent's nonce makes Discord keep one message.</summary>
public sealed class DeliveryIntentTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(250);
    private static readonly ConversationKey Channel = new("discord", DiscordEmulator.ChannelId);

    [Fact]
    public async Task LostResponse_RetriedByTheOutbox_PostsOnce()
    {
        await using var harness = await DiscordHarness.StartAsync(run: false);
        harness.Emulator.LoseAnswers = 2;
        var transport = harness.Services.GetRequiredService<DiscordTransport>();

        var post = transport.PostAsync(Channel, Reply.Text("weekly review"), DeliveryIntent.ScheduleRun("weekly", harness.Clock.GetUtcNow()), CancellationToken.None);
        await harness.UntilAsync(() => post.IsCompleted, "the post", Step);

        var creates = Creates(harness);
        Assert.Equal([500, 500, 200], creates.Select(r => r.Status));
        Assert.Single(creates.Select(r => r.Body!["nonce"]!.GetValue<string>()).Distinct());
        Assert.All(creates, r => Assert.True(r.Body!["enforce_nonce"]!.GetValue<bool>()));
        Assert.Equal(1, harness.Emulator.CreatedMessages);
        Assert.False(string.IsNullOrEmpty((await post).MessageId));
    }

    [Fact]
    public async Task SameIntentAfterTheOutboxGaveUp_CarriesTheSameNonce_AndDiscordKeepsOneMessage()
    {
        await using var harness = await DiscordHarness.StartAsync(run: false, services: s => s.AddSingleton(new OutboxOptions { MaxAttempts = 2 }));
        harness.Emulator.LoseAnswers = 2;
        var transport = harness.Services.GetRequiredService<DiscordTransport>();
        var intent = DeliveryIntent.AlertChange("payment/availability", "page", harness.Clock.GetUtcNow());

        var first = transport.PostAsync(Channel, Reply.Text("paging"), intent, CancellationToken.None);
        await harness.UntilAsync(() => first.IsCompleted, "the first run to give up", Step);
        await Assert.ThrowsAsync<TransientDeliveryException>(() => first);
        var again = await transport.PostAsync(Channel, Reply.Text("paging"), intent, CancellationToken.None); // the run redone

        var creates = Creates(harness);
        Assert.Equal([500, 500, 200], creates.Select(r => r.Status));
        Assert.Single(creates.Select(r => r.Body!["nonce"]!.GetValue<string>()).Distinct());
        Assert.Equal(1, harness.Emulator.CreatedMessages);
        Assert.False(string.IsNullOrEmpty(again.MessageId));
    }

    [Fact]
    public async Task SameIntentDelivered_IsNotSentAgain_OtherIntentsAre()
    {
        await using var harness = await DiscordHarness.StartAsync(run: false);
        var transport = harness.Services.GetRequiredService<DiscordTransport>();

        var first = await transport.PostAsync(Channel, Reply.Text("a"), DeliveryIntent.Reply("1300", 1), CancellationToken.None);
        var repeat = await transport.PostAsync(Channel, Reply.Text("a"), DeliveryIntent.Reply("1300", 1), CancellationToken.None);
        await transport.PostAsync(Channel, Reply.Text("b"), DeliveryIntent.Reply("1300", 2), CancellationToken.None);

        Assert.Equal(first.MessageId, repeat.MessageId);
        Assert.Equal(2, Creates(harness).Length);
        Assert.Equal(2, harness.Emulator.CreatedMessages);
    }

    [Fact]
    public void Nonce_IsDerivedFromTheIntent_AtMost25Characters()
    {
        var nonce = DiscordNonce.For(DeliveryIntent.ScheduleRun("weekly", DateTimeOffset.UnixEpoch));

        Assert.Equal(DiscordNonce.MaxLength, nonce.Length);
        Assert.Equal(nonce, DiscordNonce.For(DeliveryIntent.ScheduleRun("weekly", DateTimeOffset.UnixEpoch)));
        Assert.NotEqual(nonce, DiscordNonce.For(DeliveryIntent.ScheduleRun("weekly", DateTimeOffset.UnixEpoch.AddDays(7))));
        Assert.NotEqual(nonce, DiscordNonce.For(DeliveryIntent.ScheduleRun("monthly", DateTimeOffset.UnixEpoch)));
    }

    private static RecordedRequest[] Creates(DiscordHarness harness) =>
        harness.Emulator.Requests.Where(r => r.Method == "POST" && r.Path.EndsWith("/messages", StringComparison.Ordinal)).ToArray();
}
