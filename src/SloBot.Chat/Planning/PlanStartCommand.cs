using SloBot.Chat.Commands;
using SloBot.Chat.Conversations;
using SloBot.Chat.Replies;

namespace SloBot.Chat.Planning;

/// <summary><c>/slo plan start [quarter]</c>: the four planning weeks as a conversation in a thread.</summary>
internal sealed class PlanStartCommand(PlanFlow flow, ConversationEngine engine, ThreadPosts posts, QuarterPlanReader reader) : ICommandHandler, IArgumentCheck
{
    public CommandSpec Spec { get; } = new(
        "plan start",
        "Plans the quarter in a thread (review, targets, roadmap, approval) and records the approved targets",
        [new CommandOption("quarter", "The quarter to plan, 2027-Q1 or Q1 (default: the next quarter)", Positional: true)],
        ["/slo plan start", "/slo plan start 2027-Q1"]) { OpensConversation = true };

    public Reply? CheckArguments(CommandContext context) => PlanArguments.Quarter(context.Args.At(0), reader).Error;

    public async Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var (quarter, bad) = PlanArguments.Quarter(context.Args.At(0), reader);
        if (bad is not null)
            return bad;
        var e = context.Event;
        var active = await engine.Store.ListAsync(PlanFlow.FlowKind, activeOnly: true, 50, cancellationToken).ConfigureAwait(false);
        if (active.FirstOrDefault(r => r.Key.Platform == e.Platform && r.Title == quarter.ToString()) is { } running)
            return await ConversationPointers.BelongsInThreadAsync(engine, posts, running, e.Where, cancellationToken).ConfigureAwait(false);
        var title = quarter.ToString();
        return await ConversationPointers.StartAsync(
            engine, posts, flow, e, title, PlanFlow.StartData(quarter),
            ($"🗓️ **Quarterly SLO planning {quarter.Label}** — started by <@{e.User.Id}>. Four weeks in this thread: review, targets, roadmap, approval.", $"SLO plan {title}"),
            (record, where) => new Reply
            {
                Blocks = [new TextBlock($"Started the {title} quarterly plan ({record.Id}) in a thread: {posts.LinkTo(where)}")],
                Summary = $"Started the {title} quarterly plan",
                Data = new { conversation = record.Id, quarter = title, thread = where.ToString() },
            },
            firstPrompt: null,
            cancellationToken).ConfigureAwait(false);
    }
}
