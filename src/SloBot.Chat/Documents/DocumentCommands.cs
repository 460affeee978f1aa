using SloBot.Chat.Commands;
using SloBot.Chat.Conversations;
using SloBot.Chat.Replies;

namespace SloBot.Chat.Documents;

/// <summary><c>/slo &lt;kind&gt; list</c>: drafts in progress, abandoned and published, newest first.</summary>
internal sealed class DocumentListCommand<TDocument>(DocumentKind<TDocument> kind, ConversationEngine engine, TimeProvider time) : ICommandHandler
    where TDocument : class
{
    public CommandSpec Spec => kind.ListSpec;

    public Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken) =>
        DocumentDrafts.ListAsync(engine, time, kind.Name, kind.Header, kind.Command, cancellationToken);
}

/// <summary><c>/slo &lt;kind&gt; resume &lt;id&gt;</c>: reopens an abandoned draft, or shows where an active one is.</summary>
internal sealed class DocumentResumeCommand<TDocument>(DocumentKind<TDocument> kind, ConversationEngine engine, ThreadPosts posts) : ICommandHandler
    where TDocument : class
{
    public CommandSpec Spec { get; } = DocumentSpecs.IdAskedByCommand(kind.ResumeSpec);

    public Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken) =>
        DocumentDrafts.ResumeAsync(engine, posts, context, kind.Name, Spec, cancellationToken);
}

/// <summary><c>/slo &lt;kind&gt; export &lt;id&gt; markdown|html|json</c>: the published document as a file.</summary>
internal sealed class DocumentExportCommand<TDocument>(PublishedDocuments<TDocument> documents, ConversationEngine engine) : ICommandHandler
    where TDocument : class
{
    private DocumentKind<TDocument> Kind => documents.Kind;

    public CommandSpec Spec { get; } = DocumentSpecs.IdAskedByCommand(documents.Kind.ExportSpec);

    public async Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (context.Args.Text("id") is not { } id)
            return Reply.BadCommand($"Which {Kind.Which}? Usage: `{Spec.Usage}`, for example `{Spec.Examples[0]}`.");
        var format = DocumentExport.Parse(context.Args.Text("format"));
        if (await documents.FindAsync(id, cancellationToken).ConfigureAwait(false) is not { } doc)
        {
            var draft = await DocumentDrafts.FindAsync(engine, Kind.Name, id, cancellationToken).ConfigureAwait(false);
            return Reply.BadCommand(draft is null ? $"No {Kind.Noun} `{id}`. `/slo {Kind.Command} list` shows them." : Kind.NotPublished(draft));
        }

        var content = format switch
        {
            ExportFormat.Html => Kind.Html(doc),
            ExportFormat.Json => DocumentJson.Text(doc),
            _ => Kind.Markdown(doc),
        };
        var (title, fileStem) = Kind.Export(doc);
        return DocumentExport.Reply(title, fileStem, format, content, doc);
    }
}

internal static class DocumentSpecs
{
    /// <summary>A missing id is the command's to ask for: it names the kind ("Which retrospective?") and the list command.</summary>
    public static CommandSpec IdAskedByCommand(CommandSpec spec) => spec with
    {
        Options = spec.Options.Select(o => o.Name == "id" ? o with { CheckedByCommand = true } : o).ToArray(),
    };
}
