using System.Text;
using Humanizer;
using SloBot.Chat.Commands;
using SloBot.Chat.Conversations;
using SloBot.Chat.Replies;

namespace SloBot.Chat.Retrospectives;

/// <summary><c>/slo retro list</c>: retrospectives in progress, abandoned and published, newest first.</summary>
internal sealed class RetroListCommand(ConversationEngine engine, TimeProvider time) : ICommandHandler
{
    public CommandSpec Spec { get; } = new("retro list", "Lists retrospectives: in progress, abandoned, published", [], ["/slo retro list"]);

    public Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken) =>
        ConversationList.RenderAsync(engine, time, RetroFlow.FlowKind, "Retrospectives", "retro", cancellationToken);
}

/// <summary><c>/slo retro resume &lt;id&gt;</c>: reopens an abandoned retrospective, or shows where an active one is.</summary>
internal sealed class RetroResumeCommand(ConversationEngine engine, ThreadPosts posts) : ICommandHandler
{
    public CommandSpec Spec { get; } = new(
        "retro resume",
        "Continues a retrospective where it stopped",
        [new CommandOption("id", "The retrospective's id or incident id (see /slo retro list)", Required: true, Positional: true)],
        ["/slo retro resume retro-3fa9c1", "/slo retro resume INC-2041"]);

    public Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken) =>
        ConversationList.ResumeAsync(engine, posts, context, RetroFlow.FlowKind, Spec, cancellationToken);
}

/// <summary><c>/slo retro export &lt;id&gt; markdown|html|json</c>: the published document as a file.</summary>
internal sealed class RetroExportCommand(IRetrospectiveStore retros, ConversationEngine engine) : ICommandHandler
{
    public CommandSpec Spec { get; } = new(
        "retro export",
        "Exports a published retrospective as markdown, html or json",
        [
            new CommandOption("id", "The retrospective's id or incident id", Required: true, Positional: true),
            new CommandOption("format", "markdown (default), html or json", Positional: true, Choices: ["markdown", "html", "json"]),
        ],
        ["/slo retro export INC-2041 markdown", "/slo retro export retro-3fa9c1 json"]);

    public async Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (context.Args.At(0) is not { } id)
            return Reply.BadCommand($"Which retrospective? Usage: `{Spec.Usage}`, for example `{Spec.Examples[0]}`.");
        if (DocumentExport.Parse(context.Args.At(1)) is not { } format)
            return Reply.BadCommand($"`{context.Args.At(1)}` is not a format I export; use `markdown`, `html` or `json`.");
        var doc = await retros.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (doc is null)
        {
            var record = await ConversationList.FindAsync(engine, RetroFlow.FlowKind, id, cancellationToken).ConfigureAwait(false);
            return Reply.BadCommand(record is null
                ? $"No retrospective `{id}`. `/slo retro list` shows them."
                : $"The {record.Title} retrospective is not published yet (it is {record.Status.ToString().ToLowerInvariant()}, at `{record.State}`).");
        }

        var content = format switch
        {
            ExportFormat.Html => RetroRender.Html(doc),
            ExportFormat.Json => RetroRender.JsonText(doc),
            _ => RetroRender.Markdown(doc),
        };
        return DocumentExport.Reply($"Incident Retrospective {doc.IncidentId}", $"{doc.IncidentId}-retrospective", format, content, doc);
    }
}
