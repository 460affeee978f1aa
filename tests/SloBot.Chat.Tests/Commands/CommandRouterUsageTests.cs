using Microsoft.Extensions.DependencyInjection;
using SloBot.Chat.Commands;
using SloBot.Chat.Events;
using SloBot.Chat.Replies;
using SloBot.Chat.Tests.Conversations;
using SloBot.Core.Catalog;
using Xunit;

namespace SloBot.Chat.Tests.Commands;

/// <summary>Issue 14: the router checks the words before a command runs; the commands get parsed arguments.</summary>
public sealed class CommandRouterUsageTests
{
    [Fact]
    public async Task RouteAsync_EveryRegisteredExample_PassesItsOwnUsageCheck()
    {
        using var host = new ConversationHost();
        var router = host.Services.GetRequiredService<CommandRouter>();

        foreach (var spec in router.Commands)
        {
            foreach (var example in spec.Examples)
            {
                var words = CommandArgs.Tokenize(CommandRouter.StripPrefix(example)).Skip(spec.Name.Split(' ').Length).ToArray();
                Assert.True(CommandUsage.Check(spec, words).Error is null, $"{example}: {CommandUsage.Check(spec, words).Error?.PlainText()}");
            }
        }

        await Task.CompletedTask;
    }

    [Fact]
    public async Task RouteAsync_BadWords_TheCommandDoesNotRun()
    {
        var probe = new Probe();
        var router = new CommandRouter([probe]);

        var reply = await router.RouteAsync(Command("/slo probe count=abc"), CancellationToken.None);

        Assert.Equal(ExitCodes.BadCommand, reply.ExitCode);
        Assert.Contains("`count=abc`: expected a whole number from 1 to 10.", reply.PlainText(), StringComparison.Ordinal);
        Assert.Null(probe.Seen);
    }

    [Fact]
    public async Task RouteAsync_GoodWords_TheCommandReadsParsedValues()
    {
        var probe = new Probe();
        var router = new CommandRouter([probe]);

        await router.RouteAsync(Command("/slo probe payment count=7"), CancellationToken.None);

        Assert.Equal("payment", probe.Seen!.Text("service"));
        Assert.Equal(7, probe.Seen.Integer("count"));
    }

    [Fact]
    public async Task RouteAsync_ServiceMissing_NamesTheCatalogsServices()
    {
        var catalog = new InMemorySloCatalog([new ServiceDefinition("payment", []), new ServiceDefinition("search", [])]);
        var reply = await new CommandRouter([new Probe()], catalog: catalog).RouteAsync(Command("/slo probe"), CancellationToken.None);

        Assert.Contains("Which service? Usage: `/slo probe <service> [count=…]`, for example `/slo probe payment count=3`. Services: payment, search.", reply.PlainText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RouteAsync_ServiceMissingFromAnEmptyCatalog_SaysHowToAddOne()
    {
        var reply = await new CommandRouter([new Probe()], catalog: new InMemorySloCatalog([])).RouteAsync(Command("/slo probe"), CancellationToken.None);
        Assert.Contains("SloBot:Catalog:Path", reply.PlainText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RouteAsync_OneShotConversationWithBadWords_UsageFirstThenWhereToRunIt()
    {
        using var host = new ConversationHost();
        var router = host.Services.GetRequiredService<CommandRouter>();

        var inChat = await router.RouteAsync(Command("/slo review start now"), CancellationToken.None);
        var oneShot = await router.RouteAsync(Command("/slo review start now") with { OneShot = true }, CancellationToken.None);

        Assert.Equal("`/slo review start` takes nothing after its name, not `now`. Usage: `/slo review start`, for example `/slo review start`.", inChat.PlainText().Trim());
        var text = oneShot.PlainText();
        var at = text.IndexOf("takes nothing after its name", StringComparison.Ordinal);
        Assert.True(at >= 0 && text.IndexOf("opens a conversation", StringComparison.Ordinal) > at, text);
        Assert.Empty(await host.Engine.Store.ListAsync(null, activeOnly: false, 10, CancellationToken.None));
    }

    private static CommandEvent Command(string text) =>
        new("ev-1", new ConversationKey("console", "c1"), new ChatUser("U1"), DateTimeOffset.UnixEpoch, text);

    private sealed class Probe : ICommandHandler
    {
        public CommandArgs? Seen { get; private set; }

        public CommandSpec Spec { get; } = new(
            "probe",
            "Records what it was given",
            [
                new CommandOption("service", "The service", OptionKind.Service, Required: true, Positional: true),
                new CommandOption("count", "How many", OptionKind.Integer) { Min = 1, Max = 10 },
            ],
            ["/slo probe payment count=3"]);

        public Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
        {
            Seen = context.Args;
            return Task.FromResult(Reply.Text("ok"));
        }
    }
}
