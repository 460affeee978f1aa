using SloBot.Chat.Commands;
using SloBot.Chat.Replies;
using SloBot.Core.Journeys;

namespace SloBot.Chat.Journeys;

/// <summary><c>/slo journeys [category]</c>: seed 000 §10 list_templates, or the journeys of one category.</summary>
internal sealed class JourneysCommand : ICommandHandler
{
    public CommandSpec Spec { get; } = new(
        "journeys",
        "Lists the user-journey templates (e-commerce, SaaS, data pipeline), or those of one category",
        [new CommandOption("category", "ecommerce, saas or data_pipeline", Positional: true, Choices: JourneyCategories.All.ToArray())],
        ["/slo journeys", "/slo journeys ecommerce"]);

    public Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        // The router has checked the category against the spec's choices and gives it as the spec spells it.
        if (context.Args.Text("category") is not { } category)
            return Task.FromResult(All());
        return Task.FromResult(Category(category));
    }

    private static Reply All()
    {
        var list = JourneyTemplates.List();
        return new Reply
        {
            Header = "User-journey templates",
            Blocks =
            [
                new TableBlock(["category", "journeys"], list.Select(kv => (IReadOnlyList<string>)[kv.Key, string.Join(", ", kv.Value)]).ToArray()),
                new TextBlock("`/slo journeys <category>` describes them; `/slo journey <category> <name>` shows the steps and the SLIs they imply."),
            ],
            Summary = "Journey templates: " + string.Join("; ", list.Select(kv => $"{kv.Key}: {string.Join(", ", kv.Value)}")),
            Data = new { templates = list },
        };
    }

    private static Reply Category(string category)
    {
        var journeys = JourneyTemplates.InCategory(category);
        return new Reply
        {
            Header = $"{JourneyCategories.Title(category)} journeys",
            Blocks =
            [
                new TableBlock(["journey", "what", "who", "how often", "criticality", "steps"], journeys.Select(j => (IReadOnlyList<string>)
                [
                    j.Key, j.Description, j.Persona, j.Frequency, j.BusinessCriticality, j.Steps.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ]).ToArray()),
                new TextBlock($"See one with `/slo journey {category} {journeys[0].Key}`; customise a step with e.g. `step.2.latency=400`."),
            ],
            Summary = $"{JourneyCategories.Title(category)} journeys: {string.Join(", ", journeys.Select(j => j.Key))}",
            Data = new { category, journeys = journeys.Select(JourneyData.Template).ToArray() },
        };
    }
}
