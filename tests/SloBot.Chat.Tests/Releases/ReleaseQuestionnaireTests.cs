using SloBot.Chat.Events;
using SloBot.Chat.Releases;
using Xunit;

namespace SloBot.Chat.Tests.Releases;

public sealed class ReleaseQuestionnaireTests
{
    private static readonly ConversationKey Console = new("console", "terminal", "session");

    [Fact]
    public async Task ReleaseWithServiceOnly_AsksTheRest_ThenDecidesAndRecords()
    {
        using var host = new ReleaseTestHost(conversations: true);

        var first = await host.AskAsync("/slo release payment", where: Console);
        Assert.Contains("Which version?", first!.PlainText(), StringComparison.Ordinal);
        Assert.Contains("lines", (await host.SayAsync(Console, "v1.5.0"))!.PlainText(), StringComparison.Ordinal);
        var refused = await host.SayAsync(Console, "-5");
        Assert.Contains("expected a whole number from 0 to", refused!.PlainText(), StringComparison.Ordinal);
        await host.SayAsync(Console, "1,200");
        await host.SayAsync(Console, "no");
        await host.SayAsync(Console, "yes");
        await host.SayAsync(Console, "no");
        var done = await host.SayAsync(Console, "72");

        Assert.Contains("Running `/slo release payment v1.5.0 lines=1200 critical-path=no db-migration=yes external-apis=no coverage=72`", done!.PlainText(), StringComparison.Ordinal);
        var data = Assert.IsType<ReleaseDecisionData>(done.Data);
        Assert.Equal((6, "high", "U-DEV"), (data.RiskScore, data.RiskLevel, (await host.Log.FindAsync(data.DecisionId, CancellationToken.None))!.RequestedBy.Id));
    }

    [Fact]
    public void BuildCommand_ParsesBackToTheSameInputs()
    {
        var text = ReleaseQuestionnaire.BuildCommand(new Dictionary<string, string>
        {
            ["service"] = "payment", ["version"] = "v1", ["lines"] = "150", ["critical-path"] = "yes", ["db-migration"] = "no", ["external-apis"] = "yes", ["coverage"] = "79.5",
        });

        var (args, error) = Chat.Commands.CommandUsage.Check(ReleaseArguments.Spec, Chat.Commands.CommandArgs.Tokenize(text).Skip(1).ToArray());

        Assert.Null(error);
        Assert.Equal(("payment", "v1"), (args.Text("service"), args.Text("version")));
        Assert.Equal(new Core.Releases.ReleaseInfo(150, true, false, true, 79.5), ReleaseArguments.Info(args));
    }
}
