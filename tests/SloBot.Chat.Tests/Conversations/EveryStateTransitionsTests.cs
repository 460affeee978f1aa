using Microsoft.Extensions.DependencyInjection;
using SloBot.Chat.Conversations;
using SloBot.Chat.Events;
using SloBot.Chat.Reviews;
using Xunit;

namespace SloBot.Chat.Tests.Conversations;

/// <summary>For every step of every flow: back, skip, cancel, status and a stale button do what the step promises.</summary>
public class EveryStateTransitionsTests
{
    public static TheoryData<string, int> Steps()
    {
        using var host = new ConversationHost();
        var data = new TheoryData<string, int>();
        foreach (var flow in host.Services.GetServices<ConversationFlow>().Where(f => f.Kind is "retro" or "review"))
        {
            for (var i = 0; i < flow.Steps.Count; i++)
                data.Add(flow.Kind, i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task AtStep_BackSkipCancelStatus_BehaveAsTheStepSays(string kind, int index)
    {
        using var host = new ConversationHost();
        var flow = host.Services.GetServices<ConversationFlow>().Single(f => f.Kind == kind);
        var step = flow.Steps[index];

        var (id, thread) = await AtAsync(host, flow, index);
        Assert.Contains(step.Title, (await host.SayAsync(thread, "status"))!.PlainText());
        await host.SayAsync(thread, "back");
        Assert.Equal(index == 0 ? step.Name : flow.Steps[index - 1].Name, (await host.RecordAsync(id)).State);

        (id, thread) = await AtAsync(host, flow, index);
        var skipped = await host.SayAsync(thread, "skip");
        var expected = step switch
        {
            { Kind: StepKind.Review } => step.Name,
            { Optional: false } => step.Name,
            _ => index + 1 < flow.Steps.Count ? flow.Steps[index + 1].Name : FlowStates.Completed,
        };
        Assert.Equal(expected, (await host.RecordAsync(id)).State);
        if (!step.Optional)
            Assert.Contains("cannot be skipped", skipped!.PlainText());

        (id, thread) = await AtAsync(host, flow, index);
        var stale = new Replies.ReplyButton(ConversationInput.ActionId(id, index == 0 ? "nowhere" : flow.Steps[index - 1].Name, FlowTrigger.Answer), "old", "x");
        Assert.Contains("already done", (await host.ClickAsync(thread, stale))!.PlainText());
        await host.SayAsync(thread, "cancel");
        Assert.Equal(FlowStates.Cancelled, (await host.RecordAsync(id)).State);
    }

    /// <summary>A fresh conversation of <paramref name="flow"/> stored at step <paramref name="index"/>, in its own thread.</summary>
    private static async Task<(string Id, ConversationKey Thread)> AtAsync(ConversationHost host, ConversationFlow flow, int index)
    {
        var thread = ConversationHost.Channel with { Thread = Guid.NewGuid().ToString("N") };
        var data = flow.Kind == "review" ? WeeklyReviewFlow.StartData(host.Time.GetUtcNow()) : [];
        var (record, _) = await host.Engine.StartAsync(flow, thread, new ChatUser("U1"), "T", data, null, CancellationToken.None);
        var stored = await host.RecordAsync(record.Id);
        Assert.True(await host.Engine.Store.TryUpdateAsync(stored with { State = flow.Steps[index].Name }, CancellationToken.None));
        return (record.Id, thread);
    }
}
