using System.Text.Json.Nodes;
using SloBot.Chat.Commands;
using SloBot.Chat.Conversations;
using SloBot.Chat.Replies;
using SloBot.Core.Catalog;

namespace SloBot.Chat.Retrospectives;

/// <summary><c>/slo retro start [incident] [services] [start-end]</c>: opens a thread and walks through the retrospective.</summary>
internal sealed class RetroStartCommand(RetroFlow flow, ConversationEngine engine, ThreadPosts posts, ISloCatalog catalog) : ICommandHandler
{
    public CommandSpec Spec { get; } = new(
        "retro start",
        "Starts an incident retrospective in a thread (anything left out is asked for)",
        [
            new CommandOption("incident", "The incident id, e.g. INC-2041", Positional: true),
            new CommandOption("services", "Affected services, comma-separated", OptionKind.Service, Positional: true),
            new CommandOption("window", "Start and end: 14:00-16:15, \"yesterday 2pm to 4:15pm\", ISO-8601", Positional: true),
        ],
        ["/slo retro start INC-2041 payment 14:00-16:15", "/slo retro start INC-2042 payment,order yesterday 2pm to 4:15pm", "/slo retro start"]);

    public async Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var e = context.Event;
        var words = context.Args.Words;
        var data = new JsonObject();
        var notes = new List<string>();
        var probe = new StepContext(new ConversationRecord("", e.Where, RetroFlow.FlowKind, flow.Version, "", "{}", "", e.User.Id, e.ReceivedAt, e.ReceivedAt), data, engine.Now, engine.Zone, context.Services);
        if (words.Count > 0)
        {
            var incident = RetroAnswers.Incident(words[0]);
            if (!incident.Ok)
                return Reply.BadCommand($"`{words[0]}`: {incident.Error}. Usage: `{Spec.Usage}`, for example `{Spec.Examples[0]}`.");
            data["incident"] = incident.Value;
            if (await ActiveForIncidentAsync(words[0], cancellationToken).ConfigureAwait(false) is { } existing)
                return await ConversationPointers.BelongsInThreadAsync(engine, posts, existing, e.Where, cancellationToken).ConfigureAwait(false);
            var split = words.Count;
            for (var i = words.Count - 1; i >= 1; i--)
            {
                if (RetroAnswers.Window(string.Join(' ', words.Skip(i)), probe).Ok)
                    split = i;
            }

            if (split > 1)
            {
                var services = RetroAnswers.Services(string.Join(' ', words.Skip(1).Take(split - 1)), catalog);
                if (services.Ok)
                    data["services"] = services.Value;
                else
                    notes.Add($"Services: {services.Error}.");
            }

            if (split < words.Count)
                data["window"] = RetroAnswers.Window(string.Join(' ', words.Skip(split)), probe).Value;
        }

        var title = data["incident"]?.GetValue<string>() ?? "(new)";
        var thread = e.Where.Thread is null && posts.TransportFor(e.Platform) is not null
            ? await posts.StartThreadAsync(e.Where, Reply.Text($"🧭 **Incident retrospective {title}** — started by <@{e.User.Id}>. Answer the questions in this thread."), $"{title} retrospective", e.EventId + ":thread", cancellationToken).ConfigureAwait(false)
            : null;
        var where = thread ?? e.Where;
        var (record, prompt) = await engine.StartAsync(flow, where, e.User, title, data, posts.LinkTo(where), cancellationToken).ConfigureAwait(false);
        if (prompt is null)
            return ConversationPointers.Busy(engine, record);
        if (notes.Count > 0)
            prompt = prompt with { Blocks = [new TextBlock(string.Join("\n", notes)), .. prompt.Blocks] };
        if (thread is null)
            return prompt;
        await posts.PostAsync(where, prompt, record.Id + ":first", cancellationToken).ConfigureAwait(false);
        return new Reply
        {
            Blocks = [new TextBlock($"Started the {title} retrospective ({record.Id}) in a thread: {posts.LinkTo(where)}")],
            Summary = $"Started the {title} retrospective",
            Data = new { conversation = record.Id, thread = where.ToString() },
        };
    }

    private async Task<ConversationRecord?> ActiveForIncidentAsync(string incident, CancellationToken cancellationToken)
    {
        var active = await engine.Store.ListAsync(RetroFlow.FlowKind, activeOnly: true, 200, cancellationToken).ConfigureAwait(false);
        return active.FirstOrDefault(r => string.Equals(r.Title, incident, StringComparison.OrdinalIgnoreCase));
    }
}
