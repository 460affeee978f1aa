using Microsoft.Extensions.DependencyInjection;
using SloBot.Chat.Conversations;
using SloBot.Chat.Events;
using SloBot.Chat.Replies;
using Xunit;

namespace SloBot.Chat.Tests.Conversations;

public class FlowRegistrationTests
{
    [Fact]
    public async Task AddConversationFlow_NewKind_EngineRunsItAndNamesItsOwnResumeCommand()
    {
        using var host = new ConversationHost(s => s.AddConversationFlow<ToilFlow>());
        var flow = host.Services.GetRequiredService<ToilFlow>();
        Assert.Same(flow, host.Engine.FlowFor("toil"));

        var (record, prompt) = await host.Engine.StartAsync(flow, ConversationHost.Channel with { Thread = "t-toil" }, new ChatUser("U1"), "T-1", [], null, CancellationToken.None);
        Assert.Contains("Which task?", prompt!.PlainText());
        host.Time.Advance(TimeSpan.FromDays(1));
        await host.Services.GetRequiredService<ConversationSweeper>().SweepAsync(CancellationToken.None);

        Assert.Contains(host.Transport.Posts, p => p.Reply.PlainText().Contains($"`/slo toil resume {record.Id}` reopens it", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("retro", "retro resume")]
    [InlineData("review", "review resume")]
    [InlineData("demo", "resume")]
    public void RegisteredFlows_EachDeclaresItsResumeCommand(string kind, string command)
    {
        using var host = new ConversationHost();
        Assert.Equal(command, host.Engine.FlowFor(kind)!.ResumeCommand);
    }

    private sealed class ToilFlow : ConversationFlow
    {
        public override string Kind => "toil";

        public override int Version => 1;

        public override string Noun => "toil entry";

        public override string ResumeCommand => "toil resume";

        public override IReadOnlyList<FlowStep> Steps { get; } = [new("task", "Task", "Which task?", "rotate certificates") { Optional = false }];

        public override Task<Reply> CompletedAsync(StepContext context, CancellationToken cancellationToken) => Task.FromResult(Reply.Text("done"));
    }
}
