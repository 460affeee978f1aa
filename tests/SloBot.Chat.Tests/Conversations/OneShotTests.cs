using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SloBot.Chat.Commands;
using SloBot.Chat.Conversations;
using SloBot.Chat.Events;
using SloBot.Chat.Replies;
using Xunit;

namespace SloBot.Chat.Tests.Conversations;

/// <summary>Issue 12 item 11: a one-shot asker (<c>slobot ask</c>) never leaves a conversation behind.</summary>
public sealed class OneShotTests
{
    [Fact]
    public async Task EveryCommandExample_OneShot_StartsNoConversationAndPostsNothing()
    {
        // As `slobot ask` runs: no questionnaires (commands missing answers say what to type instead).
        using var host = new ConversationHost(s => s.RemoveAll<IQuestionnaires>());
        var router = host.Services.GetRequiredService<CommandRouter>();
        var examples = router.Commands.SelectMany(c => c.Examples.Select(x => (Spec: c, Example: x))).ToArray();
        Assert.Contains(examples, e => e.Spec.Name == "retro start");

        foreach (var (spec, example) in examples)
        {
            var reply = await OneShotAsync(host, example);
            if (spec.OpensConversation)
            {
                Assert.Equal(ExitCodes.BadCommand, reply.ExitCode);
                Assert.Contains("opens a conversation", reply.PlainText(), StringComparison.Ordinal);
            }
        }

        Assert.Empty(await host.Engine.Store.ListAsync(null, activeOnly: false, 100, CancellationToken.None));
        Assert.Empty(host.Transport.Posts);
        Assert.Empty(host.Transport.Threads);
    }

    [Fact]
    public async Task RetroStart_OneShotThenInChat_OnlyTheChatOneStarts()
    {
        using var host = new ConversationHost();

        var refused = await OneShotAsync(host, "/slo retro start INC-7 payment 14:00-16:15");
        var started = await host.CommandAsync(ConversationHost.Channel, "/slo retro start INC-7 payment 14:00-16:15");

        Assert.Equal(ExitCodes.BadCommand, refused.ExitCode);
        Assert.Contains("type `/slo retro start INC-7 payment 14:00-16:15` at the `slo>` prompt", refused.PlainText(), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Answered, started!.ExitCode);
        var record = Assert.Single(await host.Engine.Store.ListAsync(null, activeOnly: false, 10, CancellationToken.None));
        Assert.Equal("INC-7", record.Title);
    }

    private static async Task<Reply> OneShotAsync(ConversationHost host, string text) =>
        (await host.Dispatcher.ReplyToAsync(
            new CommandEvent($"ask-{Guid.NewGuid():N}", new ConversationKey("console", "terminal", "session"), new ChatUser("console"), host.Time.GetUtcNow(), text) { OneShot = true },
            CancellationToken.None))!;
}
