using Microsoft.Extensions.DependencyInjection;
using SloBot.Chat.Conversations;
using Xunit;

namespace SloBot.Chat.Tests.Conversations;

public class ConversationSweeperTests
{
    [Fact]
    public async Task Idle_PastRemindAfter_PostsOneReminder()
    {
        using var host = new ConversationHost();
        var (record, _) = await host.StartDemoAsync();
        var sweeper = host.Services.GetRequiredService<ConversationSweeper>();

        host.Time.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal((0, 0), await sweeper.SweepAsync(CancellationToken.None));
        host.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal((1, 0), await sweeper.SweepAsync(CancellationToken.None));
        host.Time.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal((0, 0), await sweeper.SweepAsync(CancellationToken.None)); // only one reminder per idle spell

        var (where, reminder) = Assert.Single(host.Transport.Posts);
        Assert.Equal(record.Key, where);
        Assert.StartsWith("Reminder · Demo D-1 · step 1 of 4", reminder.Header, StringComparison.Ordinal);
        Assert.Equal("name", (await host.RecordAsync(record.Id)).State);
    }

    [Fact]
    public async Task AnswerAfterReminder_RestartsTheIdleClock()
    {
        using var host = new ConversationHost();
        var (record, _) = await host.StartDemoAsync();
        var sweeper = host.Services.GetRequiredService<ConversationSweeper>();
        host.Time.Advance(TimeSpan.FromHours(1));
        await sweeper.SweepAsync(CancellationToken.None);

        host.Time.Advance(TimeSpan.FromMinutes(10));
        await host.SayAsync(record.Key, "Checkout");
        host.Time.Advance(TimeSpan.FromHours(1));

        Assert.Equal((1, 0), await sweeper.SweepAsync(CancellationToken.None));
        Assert.Equal(2, host.Transport.Posts.Count);
    }

    [Fact]
    public async Task Idle_PastAbandonAfter_ClosesAsAbandoned_AndResumeContinues()
    {
        using var host = new ConversationHost();
        var (record, _) = await host.StartDemoAsync();
        await host.SayAsync(record.Key, "Checkout");
        var sweeper = host.Services.GetRequiredService<ConversationSweeper>();

        host.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal((0, 1), await sweeper.SweepAsync(CancellationToken.None));

        Assert.Equal(FlowStates.Abandoned, (await host.RecordAsync(record.Id)).State);
        Assert.Contains(host.Transport.Posts, p => p.Reply.PlainText().Contains("closed as abandoned", StringComparison.Ordinal));
        var answer = await host.SayAsync(record.Key, "red"); // no active conversation in the thread any more: how to resume it
        Assert.Contains($"`/slo resume {record.Id}` picks it up where it stopped", answer!.Context, StringComparison.Ordinal);
        Assert.Equal(FlowStates.Abandoned, (await host.RecordAsync(record.Id)).State);

        var resumed = await host.Engine.ResumeAsync(record.Id, CancellationToken.None);
        Assert.Contains("Which colour?", resumed.PlainText());
        Assert.Equal("colour", (await host.RecordAsync(record.Id)).State);
        Assert.Contains("Colour red ✔", (await host.SayAsync(record.Key, "red"))!.PlainText());
    }

    [Fact]
    public async Task HostedLoop_OnFakeClock_SweepsOnItsTimer()
    {
        using var host = new ConversationHost();
        await host.StartDemoAsync();
        var sweeper = host.Services.GetRequiredService<ConversationSweeper>();
        await sweeper.StartAsync(CancellationToken.None);
        try
        {
            host.Time.Advance(TimeSpan.FromMinutes(59));
            Assert.Empty(host.Transport.Posts);

            // the loop arms its timer on the thread pool: tick the fake clock one sweep interval at a time until it acts
            await SloBot.Testing.Poll.UntilAsync(() => !host.Transport.Posts.IsEmpty, "the reminder", between: () => host.Time.Advance(TimeSpan.FromMinutes(1)));

            var post = Assert.Single(host.Transport.Posts);
            Assert.StartsWith("Reminder", post.Reply.Header, StringComparison.Ordinal);
        }
        finally
        {
            await sweeper.StopAsync(CancellationToken.None);
        }
    }
}
