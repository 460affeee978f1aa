using Xunit;

namespace SloBot.Chat.Tests.Conversations;

public class CommandGroupTests
{
    [Fact]
    public async Task GroupWithoutSubcommand_ListsItsSubcommands()
    {
        using var host = new ConversationHost();

        var reply = await host.CommandAsync(ConversationHost.Channel, "/slo retro");

        Assert.Equal(2, reply!.ExitCode);
        Assert.Contains("`/slo retro` needs one of: `/slo retro export <id> [format]`, `/slo retro list`, `/slo retro resume <id>`, `/slo retro start", reply.PlainText());
    }

    [Fact]
    public async Task MistypedSubcommand_GetsADidYouMean()
    {
        using var host = new ConversationHost();

        var reply = await host.CommandAsync(ConversationHost.Channel, "/slo retro strat INC-1");

        Assert.Contains("— did you mean `/slo retro start`?", reply!.PlainText());
    }
}
