using SloBot.Chat.Commands;
using SloBot.Chat.Documents;

namespace SloBot.Chat.Retrospectives;

/// <summary>Retrospectives as published documents: keyed by incident id, listed by incident start.</summary>
public static class RetrospectiveDocuments
{
    public static readonly DocumentKind<RetrospectiveDocument> Kind = new()
    {
        Name = "retro",
        Command = "retro",
        Header = "Retrospectives",
        Noun = "retrospective",
        Which = "retrospective",
        Named = title => $"{title} retrospective",
        Id = d => d.Id,
        Title = d => d.IncidentId,
        Start = d => d.Start,
        PublishedAt = d => d.PublishedAt,
        Markdown = RetroRender.Markdown,
        Html = RetroRender.Html,
        Export = d => ($"Incident Retrospective {d.IncidentId}", $"{d.IncidentId}-retrospective"),
        ListSpec = new("retro list", "Lists retrospectives: in progress, abandoned, published", [], ["/slo retro list"]),
        ResumeSpec = new(
            "retro resume",
            "Continues a retrospective where it stopped",
            [new CommandOption("id", "The retrospective's id or incident id (see /slo retro list)", Required: true, Positional: true)],
            ["/slo retro resume retro-3fa9c1", "/slo retro resume INC-2041"]) { OpensConversation = true },
        ExportSpec = new(
            "retro export",
            "Exports a published retrospective as markdown, html or json",
            [
                new CommandOption("id", "The retrospective's id or incident id", Required: true, Positional: true),
                new CommandOption("format", "markdown (default), html or json", Positional: true, Choices: ["markdown", "html", "json"]) { Synonyms = DocumentExport.Synonyms },
            ],
            ["/slo retro export INC-2041 markdown", "/slo retro export retro-3fa9c1 json"]),
    };
}
