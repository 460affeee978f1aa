using System.Text;
using SloBot.Chat.Replies;

namespace SloBot.Chat.Documents;

public enum ExportFormat
{
    Markdown,
    Html,
    Json,
}

/// <summary>Exports of published documents (retrospectives, weekly reviews) as a reply with the file attached.</summary>
public static class DocumentExport
{
    /// <summary>Longest export also shown inline (Slack section text is limited to 3,000 characters).</summary>
    public const int InlineLimit = 2_500;

    /// <summary>Other words for the formats, for the export commands' <c>format</c> option.</summary>
    public static readonly IReadOnlyDictionary<string, string> Synonyms = new Dictionary<string, string> { ["md"] = "markdown", ["htm"] = "html" };

    /// <summary>The export command's <c>format</c> as the router gives it (a choice, synonyms mapped), or markdown when none was given.</summary>
    public static ExportFormat Parse(string? choice) => choice switch
    {
        "html" => ExportFormat.Html,
        "json" => ExportFormat.Json,
        _ => ExportFormat.Markdown,
    };

    public static string Extension(this ExportFormat f) => f switch { ExportFormat.Html => "html", ExportFormat.Json => "json", _ => "md" };

    public static string ContentType(this ExportFormat f) => f switch { ExportFormat.Html => "text/html", ExportFormat.Json => "application/json", _ => "text/markdown" };

    public static Reply Reply(string title, string fileStem, ExportFormat format, string content, object data)
    {
        var file = $"{fileStem}.{format.Extension()}";
        var inline = content.Length <= InlineLimit ? content : content[..InlineLimit] + "\n… (the full document is in the attached file)";
        var fence = format == ExportFormat.Markdown ? "markdown" : format.Extension();
        return new Reply
        {
            Header = $"{title} ({format.ToString().ToLowerInvariant()})",
            Blocks = [new TextBlock($"```{fence}\n{inline}\n```")],
            Attachments = [new ReplyAttachment(file, format.ContentType(), Encoding.UTF8.GetBytes(content))],
            Summary = $"{title} exported as {file} ({content.Length} characters)",
            Data = data,
        };
    }
}
