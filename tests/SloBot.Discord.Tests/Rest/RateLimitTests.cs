using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SloBot.Chat.Delivery;
using SloBot.Chat.Events;
using SloBot.Chat.Replies;
using SloBot.Discord.Delivery;
using SloBot.Discord.Rest;
using SloBot.Discord.Tests.Emulator;

namespace SloBot.Discord.Tests.Rest;

public sealed class RateLimitTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task TooManyRequestsStorm_DelaysButDeliversEveryMessageOnce_InOrder()
    {
        await using var harness = await DiscordHarness.StartAsync(run: false);
        var emulator = harness.Emulator;
        var storm = 0;
        DateTimeOffset? firstRefusal = null;
        emulator.Intercept = async (context, path) =>
        {
            if (context.Request.Method != "POST" || !path.EndsWith("/messages", StringComparison.Ordinal) || Interlocked.Increment(ref storm) > 4)
                return false;
            firstRefusal ??= harness.Clock.GetUtcNow();
            await DiscordEmulator.TooManyRequestsAsync(context, 1.5);
            return true;
        };
        var transport = harness.Services.GetRequiredService<DiscordTransport>();
        var channel = new ConversationKey("discord", DiscordEmulator.ChannelId);

        var posts = Enumerable.Range(1, 6).Select(i => transport.PostAsync(channel, Reply.Text($"message {i}"), DeliveryIntent.Of($"message:{i}"), CancellationToken.None)).ToArray();
        await harness.UntilAsync(() => posts.All(p => p.IsCompleted), "every post", Step);

        var attempts = emulator.Requests.Where(r => r.Path.EndsWith("/messages", StringComparison.Ordinal)).ToArray();
        var delivered = attempts.Where(r => r.Status == 200).ToArray();
        Assert.Equal(Enumerable.Range(1, 6).Select(i => $"message {i}"), delivered.Select(r => r.Body!["content"]!.GetValue<string>()));
        Assert.Equal(4, attempts.Count(r => r.Status == 429));
        Assert.True(delivered[0].At - firstRefusal >= TimeSpan.FromSeconds(6), $"waited out four retry_after of 1.5 s, delivered after {delivered[0].At - firstRefusal}");
        Assert.Single(attempts.Where(r => r.Body!["content"]!.GetValue<string>() == "message 1").Select(r => r.Body!["nonce"]!.GetValue<string>()).Distinct());
        Assert.Equal(6, posts.Select(p => p.Result.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task GlobalTooManyRequests_PausesOtherRoutesToo()
    {
        await using var harness = await DiscordHarness.StartAsync(run: false);
        var emulator = harness.Emulator;
        var refused = 0;
        emulator.Intercept = async (context, path) =>
        {
            if (!path.Contains("/channels/1", StringComparison.Ordinal) || Interlocked.Increment(ref refused) > 1)
                return false;
            await DiscordEmulator.TooManyRequestsAsync(context, 2, global: true, scope: "global");
            return true;
        };
        var transport = harness.Services.GetRequiredService<DiscordTransport>();

        var first = transport.PostAsync(new ConversationKey("discord", "1"), Reply.Text("to channel 1"), DeliveryIntent.Of("one"), CancellationToken.None);
        await harness.UntilAsync(() => harness.Logs.GetSnapshot().Any(r => r.Id.Id == 4100), "the client to take in the global 429");
        var refusedAt = emulator.Requests.Single(r => r.Status == 429).At;
        var second = transport.PostAsync(new ConversationKey("discord", "2"), Reply.Text("to channel 2"), DeliveryIntent.Of("two"), CancellationToken.None);
        await harness.UntilAsync(() => first.IsCompleted && second.IsCompleted, "both posts", Step);

        var toTwo = emulator.Requests.Single(r => r.Path == "/api/v10/channels/2/messages");
        Assert.True(toTwo.At - refusedAt >= TimeSpan.FromSeconds(2), "channel 2 waited for the global limit");
    }

    [Fact]
    public void InvalidRequests_StopSendingLongBeforeDiscordsBanThreshold()
    {
        var clock = new FakeTimeProvider();
        var limits = new RateLimits(clock, new RateLimitSettings { MaxInvalidPerWindow = 3 });
        limits.Invalid();
        limits.Invalid();
        limits.ThrowIfTooManyInvalid();
        limits.Invalid();

        var paused = Assert.Throws<TransientDeliveryException>(limits.ThrowIfTooManyInvalid);
        Assert.Equal(TimeSpan.FromMinutes(10), paused.RetryAfter);
        clock.Advance(TimeSpan.FromMinutes(10));
        limits.ThrowIfTooManyInvalid();
        Assert.Equal(1_000, new RateLimitSettings().MaxInvalidPerWindow); // a tenth of Discord's 10,000 per 10 minutes
    }

    [Fact]
    public async Task PerInteractionBuckets_AreForgottenOnceIdle_ButNotWhileLimited()
    {
        var clock = new FakeTimeProvider();
        var limits = new RateLimits(clock, new RateLimitSettings { SweepEvery = 10, IdleBucketLifetime = TimeSpan.FromMinutes(20) });
        var limited = DiscordRoute.EditOriginal("app", "limited-token");
        (await limits.AcquireAsync(limited, CancellationToken.None)).Dispose();
        limits.TooManyRequests(limited, TimeSpan.FromHours(1), global: false, shared: true);
        for (var i = 0; i < 9; i++)
            (await limits.AcquireAsync(DiscordRoute.InteractionCallback($"{i}", $"token-{i}"), CancellationToken.None)).Dispose();
        Assert.Equal(10, limits.BucketCount);

        clock.Advance(TimeSpan.FromMinutes(19));
        await AcquireTimesAsync(limits, DiscordRoute.CreateMessage("42"), 10); // sweeps once: nothing idle for 20 minutes yet
        Assert.Equal(11, limits.BucketCount);

        clock.Advance(TimeSpan.FromMinutes(2));
        await AcquireTimesAsync(limits, DiscordRoute.CreateMessage("42"), 10);

        // Left: the rate-limited webhook (its hour is not over) and the channel in use.
        Assert.Equal(2, limits.BucketCount);
    }

    private static async Task AcquireTimesAsync(RateLimits limits, DiscordRoute route, int times)
    {
        for (var i = 0; i < times; i++)
            (await limits.AcquireAsync(route, CancellationToken.None)).Dispose();
    }

    [Fact]
    public async Task ExhaustedBucket_WaitsForResetAfter_BeforeTheNextRequest()
    {
        await using var harness = await DiscordHarness.StartAsync(run: false);
        var emulator = harness.Emulator;
        emulator.Intercept = (context, path) =>
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers["X-RateLimit-Remaining"] = "0";
                context.Response.Headers["X-RateLimit-Reset-After"] = "3.25";
                return Task.CompletedTask;
            });
            return Task.FromResult(false);
        };
        var transport = harness.Services.GetRequiredService<DiscordTransport>();
        var channel = new ConversationKey("discord", DiscordEmulator.ChannelId);

        var posts = new[] { transport.PostAsync(channel, Reply.Text("a"), DeliveryIntent.Of("a"), CancellationToken.None), transport.PostAsync(channel, Reply.Text("b"), DeliveryIntent.Of("b"), CancellationToken.None) };
        await harness.UntilAsync(() => posts.All(p => p.IsCompleted), "both posts", Step);

        var sent = emulator.Requests.Where(r => r.Method == "POST").ToArray();
        Assert.Equal(2, sent.Length);
        Assert.All(sent, r => Assert.Equal(200, r.Status));
        Assert.True(sent[1].At - sent[0].At >= TimeSpan.FromSeconds(3.25), "the second request waited for the bucket to reset");
    }
}
