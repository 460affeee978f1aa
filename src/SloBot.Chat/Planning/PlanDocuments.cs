using SloBot.Chat.Commands;
using SloBot.Chat.Documents;

namespace SloBot.Chat.Planning;

/// <summary>Quarterly plans as published documents: keyed by their quarter ("2027-Q1"), listed by publication.</summary>
public static class PlanDocuments
{
    public static readonly DocumentKind<PlanDocument> Kind = new()
    {
        Name = PlanFlow.FlowKind,
        Command = "plan",
        Header = "Quarterly plans",
        Noun = "quarterly plan",
        Which = "plan",
        Named = title => $"{title} quarterly plan",
        Id = d => d.Id,
        Title = d => d.Quarter,
        PublishedAt = d => d.PublishedAt,
        Markdown = PlanRender.Markdown,
        Html = PlanRender.Html,
        Export = d => ($"Quarterly SLO Plan {d.Quarter}", $"slo-plan-{d.Quarter}"),
        ListSpec = new("plan list", "Lists quarterly plans: in progress, abandoned, approved", [], ["/slo plan list"]),
        ResumeSpec = new(
            "plan resume",
            "Continues a quarterly plan where it stopped",
            [new CommandOption("id", "The plan's id or quarter (see /slo plan list)", Required: true, Positional: true)],
            ["/slo plan resume plan-1a2b3c"]) { OpensConversation = true },
        ExportSpec = new(
            "plan export",
            "Exports an approved quarterly plan as markdown, html or json",
            [
                new CommandOption("id", "The plan's id or quarter", Required: true, Positional: true),
                new CommandOption("format", "markdown (default), html or json", Positional: true, Choices: ["markdown", "html", "json"]) { Synonyms = DocumentExport.Synonyms },
            ],
            ["/slo plan export 2027-Q1 markdown", "/slo plan export plan-1a2b3c json"]),
    };
}
