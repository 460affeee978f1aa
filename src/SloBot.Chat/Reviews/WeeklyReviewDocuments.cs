using SloBot.Chat.Commands;
using SloBot.Chat.Documents;

namespace SloBot.Chat.Reviews;

/// <summary>Weekly reviews as published documents: keyed by their date, listed by publication.</summary>
public static class WeeklyReviewDocuments
{
    public static readonly DocumentKind<WeeklyReviewDocument> Kind = new()
    {
        Name = "review",
        Command = "review",
        Header = "Weekly reviews",
        Noun = "weekly review",
        Which = "review",
        Named = title => $"weekly review {title}",
        Id = d => d.Id,
        Title = d => d.Title,
        PublishedAt = d => d.PublishedAt,
        Markdown = ReviewRender.Markdown,
        Html = ReviewRender.Html,
        Export = d => ($"Weekly SLO Review {d.Title}", $"weekly-slo-review-{d.Title}"),
        ListSpec = new("review list", "Lists weekly reviews: in progress, abandoned, published", [], ["/slo review list"]),
        ResumeSpec = new(
            "review resume",
            "Continues a weekly review where it stopped",
            [new CommandOption("id", "The review's id or date (see /slo review list)", Required: true, Positional: true)],
            ["/slo review resume review-1a2b3c"]) { OpensConversation = true },
        ExportSpec = new(
            "review export",
            "Exports a published weekly review as markdown, html or json",
            [
                new CommandOption("id", "The review's id or date", Required: true, Positional: true),
                new CommandOption("format", "markdown (default), html or json", Positional: true, Choices: ["markdown", "html", "json"]) { Synonyms = DocumentExport.Synonyms },
            ],
            ["/slo review export 2026-11-23 markdown", "/slo review export review-1a2b3c json"]),
    };
}
