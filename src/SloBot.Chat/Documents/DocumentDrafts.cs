using Humanizer;
using SloBot.Chat.Commands;
using SloBot.Chat.Conversations;
using SloBot.Chat.Replies;

namespace SloBot.Chat.Documents;

/// <summary>The drafts of published documents — the conversations of a kind: <c>list</c>, <c>resume</c> and lookup by id or title.</summary>
public static class DocumentDrafts
{
    public static async Task<Reply> ListAsync(ConversationEngine engine, TimeProvider time, string kind, string header, string command, CancellationToken cancellationToken)
    {
        var records = await engine.Store.ListAsync(kind, activeOnly: false, 25, cancellationToken).ConfigureAwait(false);
        if (records.Count == 0)
            return Reply.Text($"No {header.ToLowerInvariant()} yet. Start one with `/slo {command} start`.") with { Data = new { conversations = Array.Empty<object>() } };
        var now = time.GetUtcNow();
        var flow = engine.FlowFor(kind);
        return new Reply
        {
            Header = header,
            Blocks =
            [
                new TableBlock(
                    ["id", "title", "status", "started", "last activity", "thread"],
                    records.Select(r => (IReadOnlyList<string>)
                    [
                        r.Id, r.Title, Where(flow, r), r.CreatedAt.Humanize(now), r.UpdatedAt.Humanize(now), r.Link ?? r.Key.ToString(),
                    ]).ToArray()),
            ],
            Context = $"`/slo {command} resume <id>` continues one · `/slo {command} export <id> markdown|html|json` exports a published one",
            Summary = $"{records.Count} {header.ToLowerInvariant()}",
            Data = new
            {
                conversations = records.Select(r => new
                {
                    id = r.Id, title = r.Title, status = r.Status.ToString().ToLowerInvariant(), state = r.State,
                    createdAt = r.CreatedAt, updatedAt = r.UpdatedAt, thread = r.Key.ToString(), link = r.Link,
                }).ToArray(),
            },
        };
    }

    public static async Task<Reply> ResumeAsync(ConversationEngine engine, ThreadPosts posts, CommandContext context, string kind, CommandSpec spec, CancellationToken cancellationToken)
    {
        if (context.Args.Text("id") is not { } id)
            return Reply.BadCommand($"Which one? Usage: `{spec.Usage}`, for example `{spec.Examples[0]}`. `/slo {spec.Name.Split(' ')[0]} list` shows the ids.");
        var record = await FindAsync(engine, kind, id, cancellationToken).ConfigureAwait(false);
        if (record is null)
            return Reply.BadCommand($"No `{id}`. `/slo {spec.Name.Split(' ')[0]} list` shows the ids.");
        switch (record.Status)
        {
            case ConversationStatus.Abandoned:
                var resumed = await engine.ResumeAsync(record.Id, cancellationToken).ConfigureAwait(false);
                if (context.Event.Where == record.Key)
                    return resumed;
                await posts.PostAsync(record.Key, resumed, $"{record.Id}:resumed:{record.Version}", cancellationToken).ConfigureAwait(false);
                return Reply.Text($"Resumed {record.Title} ({record.Id}) where it stopped, in its thread: {record.Link ?? posts.LinkTo(record.Key)}");
            case ConversationStatus.Active:
                return await ConversationPointers.BelongsInThreadAsync(engine, posts, record, context.Event.Where, cancellationToken).ConfigureAwait(false);
            default:
                return Reply.BadCommand($"{record.Title} ({record.Id}) is {record.Status.ToString().ToLowerInvariant()}; there is nothing to resume.");
        }
    }

    /// <summary>By id, or by title (incident id) — the newest.</summary>
    public static async Task<ConversationRecord?> FindAsync(ConversationEngine engine, string kind, string idOrTitle, CancellationToken cancellationToken)
    {
        if (await engine.Store.GetAsync(idOrTitle, cancellationToken).ConfigureAwait(false) is { } byId && byId.Kind == kind)
            return byId;
        var all = await engine.Store.ListAsync(kind, activeOnly: false, 500, cancellationToken).ConfigureAwait(false);
        return all.FirstOrDefault(r => string.Equals(r.Title, idOrTitle, StringComparison.OrdinalIgnoreCase));
    }

    private static string Where(ConversationFlow? flow, ConversationRecord r) => r.Status switch
    {
        ConversationStatus.Active when flow?.Step(r.State) is { } s => $"step {flow.IndexOf(r.State) + 1} of {flow.Steps.Count}: {s.Title}",
        ConversationStatus.Completed => "published",
        var other => other.ToString().ToLowerInvariant(),
    };
}
