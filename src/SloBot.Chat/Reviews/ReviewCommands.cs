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
        return await ConversationPointers.StartAsync(
            engine, posts, flow, e, title, WeeklyReviewFlow.StartData(now),
            ($"📋 **Weekly SLO Review - {title}** — started by <@{e.User.Id}>. The data is in the thread; record a decision or note at each item.", $"Weekly SLO review {title}"),
            (record, where) => new Reply
            {
                Blocks = [new TextBlock($"Started the weekly SLO review {title} ({record.Id}) in a thread: {posts.LinkTo(where)}")],
                Summary = $"Started the weekly SLO review {title}",
                Data = new { conversation = record.Id, thread = where.ToString() },
            },
            firstPrompt: null,
            cancellationToken).ConfigureAwait(false);
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
