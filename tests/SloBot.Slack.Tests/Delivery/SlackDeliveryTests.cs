using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SloBot.Chat.Delivery;
using SloBot.Chat.Events;
using SloBot.Chat.Replies;
using SloBot.Slack.Tests.Emulator;
using SloBot.Slack.WebApi;

namespace SloBot.Slack.Tests.Delivery;

/// <summary>Outgoing messages: rate limits, order, uploads and errors, against the emulator.</summary>
public sealed class SlackDeliveryTests
{
    private static ServiceProvider Transport(SlackEmulator slack, TimeProvider? time = null, Dictionary<string, string?>? extra = null)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(SlackTestHost.Settings(slack, extra)).Build();
        var services = new ServiceCollection().AddLogging();
        if (time is not null)
            services.AddSingleton(time);
        services.AddSlackTransport(config);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task Throttle_EveryOtherCallRefused_EachMessageDeliveredOnceAfterRetryAfter()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        await using var slack = await SlackEmulator.StartAsync(time);
        await using var provider = Transport(slack, time);
        var transport = provider.GetRequiredService<IChatTransport>();
        var seen = 0;
        slack.Throttle = method => method == "chat.postMessage" && Interlocked.Increment(ref seen) % 2 == 1 ? 2 : null;

        var where = new ConversationKey("slack", "C0THROTTLE");
        var posts = Enumerable.Range(1, 4).Select(i => transport.PostAsync(where, Reply.Text($"message {i}"), DeliveryIntent.Of($"throttle:{i}"), CancellationToken.None)).ToArray();
        await SloBot.Testing.Poll.UntilAsync(() => posts.All(p => p.IsCompleted), "all 4 posts through the throttle", between: () => time.Advance(TimeSpan.FromMilliseconds(250)));

        await Task.WhenAll(posts);
        var calls = slack.CallsOf("chat.postMessage");
        Assert.Equal(Enumerable.Range(1, 4).Select(i => $"message {i}"), calls.Where(c => c.Ok).Select(c => c.Str("text")));
        Assert.Equal(4, calls.Count(c => c.Status == 429));
        for (var i = 1; i < calls.Count; i++)
        {
            if (calls[i - 1].Status == 429)
                Assert.True(calls[i].At - calls[i - 1].At >= TimeSpan.FromSeconds(2), $"call {i} came {calls[i].At - calls[i - 1].At} after a 429 with Retry-After 2");
        }
    }

    [Fact]
    public async Task RateLimitStorm_DelaysButDeliversEveryMessageOnceAndInOrder()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        await using var slack = await SlackEmulator.StartAsync(time);
        await using var provider = Transport(slack, time, new() { ["SloBot:Slack:ChannelMessageInterval"] = "00:00:01" });
        var transport = provider.GetRequiredService<IChatTransport>();
        slack.RateLimit("chat.postMessage", count: 5, retryAfterSeconds: 3);

        var where = new ConversationKey("slack", "C0STORM");
        var posts = Enumerable.Range(1, 12).Select(i => transport.PostAsync(where, Reply.Text($"message {i}"), DeliveryIntent.Of($"storm:{i}"), CancellationToken.None)).ToArray();
        await SloBot.Testing.Poll.UntilAsync(() => posts.All(p => p.IsCompleted), "all 12 posts through the rate limit", between: () => time.Advance(TimeSpan.FromMilliseconds(250)));

        await Task.WhenAll(posts);
        var calls = slack.CallsOf("chat.postMessage");
        var delivered = calls.Where(c => c.Ok).Select(c => c.Str("text")).ToArray();
        Assert.Equal(Enumerable.Range(1, 12).Select(i => $"message {i}"), delivered);
        Assert.Equal(5, calls.Count(c => c.Status == 429));
        for (var i = 1; i < calls.Count; i++)
        {
            var gap = calls[i].At - calls[i - 1].At;
            if (calls[i - 1].Status == 429)
                Assert.True(gap >= TimeSpan.FromSeconds(3), $"call {i} came {gap} after a 429 with Retry-After 3");
            else
                Assert.True(gap >= TimeSpan.FromSeconds(1), $"call {i} came {gap} after the previous post to the channel");
        }

        Assert.Equal(12, posts.Select(p => p.Result.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task Attachments_ImagesUploadedFirstAndShownByFileId_OtherFilesSharedAfter()
    {
        await using var slack = await SlackEmulator.StartAsync();
        await using var provider = Transport(slack);
        var transport = provider.GetRequiredService<IChatTransport>();
        var reply = new Reply
        {
            Header = "Burn-down",
            Blocks = [new ImageBlock("chart.png", "Budget burn-down")],
            Attachments = [new ReplyAttachment("chart.png", "image/png", new byte[2048]), new ReplyAttachment("rules.yaml", "application/yaml", new byte[300])],
        };

        var posted = await transport.PostAsync(new ConversationKey("slack", "C0FILES", "1700000000.000100"), reply, DeliveryIntent.Of("files"), CancellationToken.None);

        Assert.Equal(
            ["files.getUploadURLExternal", "upload", "files.completeUploadExternal", "chat.postMessage", "files.getUploadURLExternal", "upload", "files.completeUploadExternal"],
            slack.Calls.Select(c => c.Method));
        var uploads = slack.CallsOf("upload");
        Assert.Equal(["2048", "300"], uploads.Select(u => u.Form["length"]));
        Assert.Equal("image/png", uploads[0].Form["content_type"]);
        var completes = slack.CallsOf("files.completeUploadExternal");
        Assert.Null(completes[0].Str("channel_id")); // the chart is shown in the message, not shared twice
        Assert.Equal("C0FILES", completes[1].Str("channel_id"));
        Assert.Equal("1700000000.000100", completes[1].Str("thread_ts"));
        var image = slack.CallsOf("chat.postMessage")[0].Body.GetProperty("blocks")[1];
        Assert.Equal(uploads[0].Form["file_id"], image.GetProperty("slack_file").GetProperty("id").GetString());
        Assert.False(string.IsNullOrEmpty(posted.MessageId));
    }

    [Fact]
    public async Task OkFalse_BecomesSlackApiExceptionWithMethodAndError()
    {
        await using var slack = await SlackEmulator.StartAsync();
        await using var provider = Transport(slack, extra: new() { ["SloBot:Slack:BotToken"] = "xoxb-revoked" });
        var transport = provider.GetRequiredService<IChatTransport>();

        var ex = await Assert.ThrowsAsync<SlackApiException>(() => transport.PostAsync(new ConversationKey("slack", "C0X"), Reply.Text("hi"), DeliveryIntent.Of("hi"), CancellationToken.None));
        Assert.Equal(("chat.postMessage", "invalid_auth"), (ex.Method, ex.Error));
        Assert.DoesNotContain("xoxb", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartThread_PostsTheOpeningAndReturnsItsTsAsTheThread()
    {
        await using var slack = await SlackEmulator.StartAsync();
        await using var provider = Transport(slack);
        var transport = provider.GetRequiredService<IChatTransport>();

        var thread = await transport.StartThreadAsync(new ConversationKey("slack", "C0RETRO"), Reply.Text("Retrospective for INC-42"), "Retro INC-42", DeliveryIntent.Of("retro:thread"), CancellationToken.None);
        await transport.PostAsync(thread, Reply.Text("first question"), DeliveryIntent.Of("retro:first"), CancellationToken.None);

        var posts = slack.CallsOf("chat.postMessage");
        Assert.Equal("slack", transport.Platform);
        Assert.Null(posts[0].Str("thread_ts"));
        Assert.Equal("Retro INC-42", posts[0].Body.GetProperty("blocks")[0].GetProperty("text").GetProperty("text").GetString());
        Assert.Equal(thread.Thread, posts[1].Str("thread_ts"));
        Assert.Equal("C0RETRO", thread.Channel);
        Assert.NotNull(thread.Thread);
    }
}
