using System.Globalization;
using SloBot.Chat.Commands;
using SloBot.Chat.Replies;

namespace SloBot.Chat.ActionItems;

/// <summary><c>/slo actions</c>: open action items with owners and due dates, overdue first.</summary>
internal sealed class ActionsCommand(IActionItemStore store, TimeProvider time) : ICommandHandler
{
    public CommandSpec Spec { get; } = new("actions", "Open action items from retrospectives and reviews, with owners and due dates", [], ["/slo actions"]);

    public async Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var open = await store.ListAsync(openOnly: true, cancellationToken).ConfigureAwait(false);
        if (open.Count == 0)
            return Reply.Text("No open action items. They are added when a retrospective or weekly review is published.") with { Data = new { items = Array.Empty<object>() } };
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var sorted = open.OrderBy(i => i.Due ?? DateOnly.MaxValue).ThenBy(i => i.Id).ToArray();
        var overdue = sorted.Count(i => i.Due < today);
        return new Reply
        {
            Header = "Open action items",
            Blocks =
            [
                new TextBlock(overdue == 0 ? $"{sorted.Length} open, none overdue." : $"{sorted.Length} open, **{overdue} overdue**."),
                new TableBlock(
                    ["#", "task", "owner", "due", "horizon", "from"],
                    sorted.Select(i => (IReadOnlyList<string>)
                    [
                        $"#{i.Id}", i.Task, i.Owner ?? "—", Due(i, today), ActionItemText.Word(i.Horizon), i.SourceTitle,
                    ]).ToArray()),
            ],
            Context = "`/slo action done <#>` closes one",
            Summary = $"{sorted.Length} open action items, {overdue} overdue",
            Data = new
            {
                items = sorted.Select(i => new
                {
                    id = i.Id, task = i.Task, owner = i.Owner, due = i.Due?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    horizon = i.Horizon.ToString(), source = i.Source, sourceTitle = i.SourceTitle, overdue = i.Due < today,
                }).ToArray(),
            },
        };
    }

    private static string Due(ActionItem i, DateOnly today) => i.Due switch
    {
        null => "—",
        { } d when d < today => $"⚠️ {d:yyyy-MM-dd} (overdue)",
        { } d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };
}

/// <summary><c>/slo action done &lt;#&gt;</c>: closes an action item.</summary>
internal sealed class ActionDoneCommand(IActionItemStore store, TimeProvider time) : ICommandHandler
{
    public CommandSpec Spec { get; } = new(
        "action done",
        "Marks an action item done",
        [new CommandOption("id", "The item's number from /slo actions", OptionKind.Integer, Required: true, Positional: true) { Min = 0 }],
        ["/slo action done 12"]);

    public async Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var id = context.Args.Integer("id")!.Value; // the router has read it ("12" or "#12") and refused a missing one
        var item = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (item is null)
        {
            var open = await store.ListAsync(true, cancellationToken).ConfigureAwait(false);
            return Reply.BadCommand($"There is no action item #{id}. Open ones: {(open.Count == 0 ? "none" : string.Join(", ", open.Select(o => $"#{o.Id}")))}.");
        }

        if (item.IsDone)
            return Reply.Text($"Action item #{id} was already done ({item.DoneAt!.Value.UtcDateTime:yyyy-MM-dd} by <@{item.DoneBy}>).");
        await store.MarkDoneAsync(id, context.Event.User.Id, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return new Reply
        {
            Blocks = [new TextBlock($"Action item #{id} done ✔ — {item.Task} (owner {item.Owner}, from {item.SourceTitle})")],
            Summary = $"Action item #{id} done",
            Data = new { id, done = true },
        };
    }
}
