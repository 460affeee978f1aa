using SloBot.Chat.Events;
using SloBot.Chat.Maturity;
using SloBot.Chat.Replies;
using SloBot.Chat.Tests.Conversations;
using Xunit;

namespace SloBot.Chat.Tests.Maturity;

/// <summary>The questionnaires through the conversation engine: buttons, only the open questions, the result at the end.</summary>
public sealed class MaturityQuestionnaireTests
{
    private static readonly ConversationKey Console = new("console", "terminal", "session");

    [Fact]
    public async Task Readiness_WithSomeAnswers_AsksTheRestWithButtons_ThenScores()
    {
        using var host = new ConversationHost(s => s.AddMaturity());

        var first = await host.CommandAsync(Console, "/slo readiness executive=yes engineering=partly product=yes");
        Assert.Contains("Is there observability to measure SLIs", first!.PlainText(), StringComparison.Ordinal);
        Assert.Equal(["yes", "partly", "no"], first.Buttons.Select(b => b.Label).Where(l => l is "yes" or "partly" or "no"));
        var second = await host.ClickAsync(Console, first.Buttons.Single(b => b.Label == "yes"));
        Assert.Contains("Is there an incident process", second!.PlainText(), StringComparison.Ordinal);
        var refused = await host.SayAsync(Console, "maybe");
        Assert.Contains("`maybe` is not one of", refused!.PlainText(), StringComparison.Ordinal);
        var done = await host.SayAsync(Console, "No");

        var data = Assert.IsType<ReadinessData>(done!.Data);
        Assert.Equal((0.7, "needs_preparation", "ready", 0.8), (data.Score, data.Level, data.NextLevel, data.NextLevelScore));
        Assert.Equal(0.1, data.MissingScore!.Value, 12);
        Assert.Equal(["yes", "partly", "yes", "yes", "no"], data.Criteria.Select(c => c.Answer));
        Assert.Equal(2, data.Recommendations.Count);
        var text = done.PlainText();
        Assert.Contains("Running `/slo readiness executive=yes engineering=partly product=yes data=yes incidents=no`", text, StringComparison.Ordinal);
        Assert.Contains("Missing for ready (≥ 0.8): 0.1 more — 1 answer step up", text, StringComparison.Ordinal);
        Assert.Contains("Not met yet: engineering (partly), incidents (no)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Maturity_Alone_AsksOnlyTheUnmeasuredQuestions()
    {
        using var host = new ConversationHost(s => s.AddMaturity());

        var first = await host.CommandAsync(Console, "/slo maturity");

        var text = first!.PlainText();
        Assert.Contains("SloBot measures SLO coverage, budget-driven decisions, review frequency and automation itself", text, StringComparison.Ordinal);
        Assert.Contains("SLO-driven roadmap", text, StringComparison.Ordinal);
        Reply? last = first;
        foreach (var _ in Enumerable.Range(0, 7))
            last = await host.ClickAsync(Console, last!.Buttons.Single(b => b.Label == "partly"));
        var data = Assert.IsType<MaturityData>(last!.Data);
        Assert.All(data.Answers.Values, a => Assert.Equal("partly", a));
        Assert.Equal(7, data.Answers.Count);
    }

    [Fact]
    public async Task Readiness_AllYes_Ready_NextStepPointsToMaturity()
    {
        using var host = new ConversationHost(s => s.AddMaturity());

        var reply = await host.CommandAsync(Console, "/slo readiness executive=yes engineering=yes product=yes data=yes incidents=yes");

        var data = Assert.IsType<ReadinessData>(reply!.Data);
        Assert.Equal((1.0, "ready", null, null), (data.Score, data.Level, data.NextLevel, data.MissingScore));
        Assert.Contains("/slo maturity", reply.PlainText(), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Answered, reply.ExitCode);
    }
}
