using SloBot.Chat.Commands;
using SloBot.Chat.Conversations;
using SloBot.Chat.Events;
using SloBot.Chat.Replies;

namespace SloBot.Chat.Reviews;

/// <summary>Starts a weekly review in a thread: <c>/slo review start</c> and the Monday post's "Start review" button (<c>review:start</c>).</summary>
internal sealed class ReviewStarter(WeeklyReviewFlow flow, ConversationEngine engine, ThreadPosts posts, TimeProvider time)
{
    public const string ButtonAction = "review:start";

    public async Task<Reply> StartAsync(ChatEvent e, CancellationToken cancellationToken)
    {
        var active = await engine.Store.ListAsync(WeeklyReviewFlow.FlowKind, activeOnly: true, 50, cancellationToken).ConfigureAwait(false);
        if (active.FirstOrDefault(r => r.Key.Platform == e.Platform) is { } running)
            return await ConversationPointers.BelongsInThreadAsync(engine, posts, running, e.Where, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var title = TimeZoneInfo.ConvertTime(now, engine.Zone).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var thread = e.Where.Thread is null && posts.TransportFor(e.Platform) is not null
            ? await posts.StartThreadAsync(e.Where, Reply.Text($"📋 **Weekly SLO Review - {title}** — started by <@{e.User.Id}>. The data is in the thread; record a decision or note at each item."), $"Weekly SLO review {title}", e.EventId + ":thread", cancellationToken).ConfigureAwait(false)
            : null;
        var where = thread ?? e.Where;
        var (record, prompt) = await engine.StartAsync(flow, where, e.User, title, WeeklyReviewFlow.StartData(now), posts.LinkTo(where), cancellationToken).ConfigureAwait(false);
        if (prompt is null)
            return ConversationPointers.Busy(engine, record);
        if (thread is null)
            return prompt;
        await posts.PostAsync(where, prompt, record.Id + ":first", cancellationToken).ConfigureAwait(false);
        return new Reply
        {
            Blocks = [new TextBlock($"Started the weekly SLO review {title} ({record.Id}) in a thread: {posts.LinkTo(where)}")],
            Summary = $"Started the weekly SLO review {title}",
            Data = new { conversation = record.Id, thread = where.ToString() },
        };
    }
}

internal sealed class ReviewStartCommand(ReviewStarter starter) : ICommandHandler
{
    public CommandSpec Spec { get; } = new("review start", "Starts the weekly SLO review in a thread, with the week's data on the table", [], ["/slo review start"]) { OpensConversation = true };

    public Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken) => starter.StartAsync(context.Event, cancellationToken);
}

internal sealed class ReviewStartButton(ReviewStarter starter) : IButtonHandler
{
    public string ActionPrefix => "review";

    public async Task<Reply?> HandleAsync(ButtonClick click, CancellationToken cancellationToken) =>
        click.ActionId == ReviewStarter.ButtonAction
            ? await starter.StartAsync(click, cancellationToken).ConfigureAwait(false)
            : Reply.BadCommand("That review button belongs to an older version of SloBot.");
}
