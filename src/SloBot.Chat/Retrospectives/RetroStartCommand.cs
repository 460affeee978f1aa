using System.Text.Json.Nodes;
using SloBot.Chat.Commands;
using SloBot.Chat.Conversations;
using SloBot.Chat.Documents;
using SloBot.Chat.Replies;
using SloBot.Core.Catalog;

namespace SloBot.Chat.Retrospectives;

/// <summary><c>/slo retro start [incident] [services] [start-end] [again]</c>: opens a thread and walks through the retrospective.</summary>
internal sealed class RetroStartCommand(RetroFlow flow, ConversationEngine engine, ThreadPosts posts, ISloCatalog catalog, PublishedDocuments<RetrospectiveDocument> retros, RetroTimelinePrefill timeline) : ICommandHandler, IArgumentCheck
{
    public CommandSpec Spec { get; } = new(
        "retro start",
        "Starts an incident retrospective in a thread (anything left out is asked for)",
        [
            new CommandOption("incident", "The incident id, e.g. INC-2041 (left out when the first word is a service: asked at step 1)", Positional: true),
            new CommandOption("services", "Affected services, comma-separated", OptionKind.Service, Positional: true),
            new CommandOption("window", "Start and end: 14:00-16:15, \"yesterday 2pm to 4:15pm\", ISO-8601", Positional: true) { Rest = true },
            new CommandOption(RetroStartArguments.AgainWord, "Start another retrospective for an incident that already has a published one", OptionKind.Boolean),
        ],
        ["/slo retro start INC-2041 payment 14:00-16:15", "/slo retro start INC-2042 payment,order yesterday 2pm to 4:15pm", "/slo retro start payment 2026-11-22T14:00Z/2026-11-22T16:00Z", "/slo retro start"])
    {
        OpensConversation = true,
    };

    public Reply? CheckArguments(CommandContext context) => Read(context).Error is { } error ? BadArguments(error) : null;

    public async Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var e = context.Event;
        var args = Read(context);
        if (args.Error is { } error)
            return BadArguments(error);
        if (args.Incident is { } incident)
        {
            if (await ActiveForIncidentAsync(incident, cancellationToken).ConfigureAwait(false) is { } existing)
                return await ConversationPointers.BelongsInThreadAsync(engine, posts, existing, e.Where, cancellationToken).ConfigureAwait(false);
            if (!args.Again && await retros.FindAsync(incident, cancellationToken).ConfigureAwait(false) is { } published
                && string.Equals(published.IncidentId, incident, StringComparison.OrdinalIgnoreCase))
                return await AlreadyPublishedAsync(published, context.Args.Words, cancellationToken).ConfigureAwait(false);
        }

        var data = args.Data;
        await timeline.FillAsync(data, engine.Zone, cancellationToken).ConfigureAwait(false);
        var title = args.Incident ?? "(new)";
        var heard = args.Understood(engine.Zone);
        var notes = args.Notes.Count > 0 ? "\n" + string.Join("\n", args.Notes) : "";
        return await ConversationPointers.StartAsync(
            engine, posts, flow, e, title, data,
            ($"🧭 **Incident retrospective {title}** — started by <@{e.User.Id}>. Answer the questions in this thread.", $"{title} retrospective"),
            (record, where) =>
            {
                var text = $"Started the {title} retrospective ({record.Id}) in a thread: {posts.LinkTo(where)}" + (heard.Length > 0 ? "\n" + heard : "");
                return new Reply
                {
                    Blocks = [new TextBlock(text)],
                    Summary = $"Started the {title} retrospective",
                    Data = new { conversation = record.Id, thread = where.ToString(), understood = args.Json() },
                };
            },
            firstPrompt: heard.Length > 0 || notes.Length > 0 ? prompt => prompt with { Blocks = [new TextBlock(heard + notes), .. prompt.Blocks] } : null,
            cancellationToken).ConfigureAwait(false);
    }

    private RetroStartArguments Read(CommandContext context)
    {
        var e = context.Event;
        var probe = new StepContext(new ConversationRecord("", e.Where, RetroFlow.FlowKind, flow.Version, "", "{}", "", e.User.Id, e.ReceivedAt, e.ReceivedAt), [], engine.Now, engine.Zone);
        return RetroStartArguments.Read(context.Args.Words, probe, catalog);
    }

    private Reply BadArguments(string error) => Reply.BadCommand($"{error} Nothing was started. Usage: `{Spec.Usage}`, for example `{Spec.Examples[0]}`.");

    /// <summary>The incident already has a published retrospective: say so, link it, and offer a second one (button or <c>again</c>).</summary>
    private async Task<Reply> AlreadyPublishedAsync(RetrospectiveDocument published, IReadOnlyList<string> words, CancellationToken cancellationToken)
    {
        var record = await engine.Store.GetAsync(published.Id, cancellationToken).ConfigureAwait(false);
        var link = record?.Link ?? (record is null ? null : posts.LinkTo(record.Key));
        var retyped = string.Join(' ', words.Select(w => w.Any(char.IsWhiteSpace) ? $"\"{w}\"" : w)) + " " + RetroStartArguments.AgainWord;
        var text = $"{published.IncidentId} already has a published retrospective ({published.Id}, published {LenientTime.Format(published.PublishedAt, engine.Zone)}" +
            (link is null ? "" : $", thread {link}") + $"); read it with `/slo retro export {published.Id} markdown`. " +
            $"Start a second one anyway? Press the button or type `/slo retro start {retyped}`.";
        return new Reply
        {
            Blocks = [new TextBlock(text)],
            Buttons = [new ReplyButton(RetroStartButton.Action, "Start a second retrospective", retyped)],
            Ephemeral = true,
            Summary = $"{published.IncidentId} already has a published retrospective",
            Data = new { alreadyPublished = new { id = published.Id, incident = published.IncidentId, publishedAt = published.PublishedAt, link }, started = false },
        };
    }

    private async Task<ConversationRecord?> ActiveForIncidentAsync(string incident, CancellationToken cancellationToken)
    {
        var active = await engine.Store.ListAsync(RetroFlow.FlowKind, activeOnly: true, 200, cancellationToken).ConfigureAwait(false);
        return active.FirstOrDefault(r => string.Equals(r.Title, incident, StringComparison.OrdinalIgnoreCase));
    }
}
