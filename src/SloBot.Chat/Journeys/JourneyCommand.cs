using System.Globalization;
using SloBot.Chat.Budgets;
using SloBot.Chat.Commands;
using SloBot.Chat.Replies;
using SloBot.Core.Journeys;

namespace SloBot.Chat.Journeys;

/// <summary><c>/slo journey &lt;category&gt; &lt;name&gt; [step.N.latency=…]</c>: one template, customised, with the SLIs its steps imply.</summary>
internal sealed class JourneyCommand : ICommandHandler
{
    public CommandSpec Spec { get; } = new(
        "journey",
        "Shows a user-journey template with the SLIs each step implies; customise with step.N.latency=…",
        [
            new CommandOption("category", "ecommerce, saas or data_pipeline", Required: true, Positional: true, Choices: JourneyCategories.All.ToArray()),
            new CommandOption("name", "The journey, e.g. checkout", Required: true, Positional: true),
            new CommandOption("step", "The step to customise (with latency, success or sli); in text also step.N.latency=…", OptionKind.Integer) { Prefix = true },
            new CommandOption("latency", "New p95 latency of that step, in ms", OptionKind.Number),
            new CommandOption("success", "New expected success rate of that step, in percent", OptionKind.Number),
            new CommandOption("sli", "New SLI type of that step", Choices: JourneyCustomisation.SliTypes.ToArray()),
            new CommandOption("criticality", "The journey's business criticality", Choices: ["critical", "essential", "standard", "best_effort"]),
            new CommandOption("frequency", "How often users take the journey, e.g. \"several times a day\""),
        ],
        ["/slo journey ecommerce checkout", "/slo journey ecommerce checkout step.5.latency=1500"]);

    public Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken) => Task.FromResult(Handle(context));

    private static Reply Handle(CommandContext context)
    {
        // The router has checked the words against the spec: the category is one of its choices, the name is there,
        // and step, latency, success, sli and criticality are well formed; step.N.… keys are the command's own.
        var category = context.Args.Text("category")!;
        var name = context.Args.Text("name")!;
        if (JourneyTemplates.Get(category, name) is not { } template)
            return JourneyText.UnknownJourney(category, name);
        var (journey, changes, problems) = JourneyCustomisation.Apply(template, Customisations(context.Args));
        if (problems.Count > 0)
            return Reply.BadCommand(string.Join("\n", problems));
        return Render(JourneySlis.Derive(journey), changes);
    }

    private static readonly string[] ParsedChanges = ["step", "latency", "success", "sli", "criticality", "frequency"];

    /// <summary>The changes asked for, as <see cref="JourneyCustomisation"/> reads them: <c>step.N.field</c> keys as typed, the rest parsed.</summary>
    private static IEnumerable<KeyValuePair<string, string>> Customisations(CommandArgs args) =>
        args.Named.Where(kv => kv.Key.StartsWith("step.", StringComparison.OrdinalIgnoreCase))
            .Concat(ParsedChanges.Where(args.Has)
                .Select(o => KeyValuePair.Create(o, Convert.ToString(args.Values[o], CultureInfo.InvariantCulture)!)));

    private static Reply Render(JourneySliSet set, IReadOnlyList<JourneyChange> changes)
    {
        var j = set.Journey;
        var blocks = new List<ReplyBlock>
        {
            new TextBlock($"{j.Description}. Who: {j.Persona}; how often: {j.Frequency}; criticality: **{j.BusinessCriticality}**."),
        };
        if (changes.Count > 0)
            blocks.Add(new TextBlock("Customised: " + string.Join("; ", changes.Select(c => $"{c.Key} {c.From} → {c.To}"))));
        blocks.Add(new TableBlock(["#", "step", "action", "p95", "success", "SLI"], j.Steps.Select(s => (IReadOnlyList<string>)
        [
            s.Number.ToString(CultureInfo.InvariantCulture),
            s.Name + (s.Async ? " (async)" : "") + (s.Dependencies.Count > 0 ? $" — needs {string.Join(", ", s.Dependencies)}" : ""),
            s.Action,
            Latency(s.ExpectedLatencyP95Ms),
            $"{Number(s.ExpectedSuccessRate)} %",
            s.SliType,
        ]).ToArray()));
        blocks.Add(new TableBlock(["#", "SLI", "good events", "target"], set.Slis.Select(s => (IReadOnlyList<string>)
        [
            s.Step.ToString(CultureInfo.InvariantCulture),
            s.Primary ? $"{s.Kind} ★" : s.Kind,
            s.Good,
            $"{Number(s.TargetPercent)} %",
        ]).ToArray()));
        var offPath = set.OffCriticalPath.Count == 0 ? "" : $" (step {string.Join(", ", set.OffCriticalPath.Select(s => s.Number))} is async and not counted)";
        blocks.Add(new TextBlock(
            $"End to end{offPath}: at best **{Number(Math.Round(set.EndToEndSuccessPercent, 3))} %** of journeys succeed (the product of the steps' success rates), " +
            $"latency budget {Latency(set.LatencyBudgetMs)} (the sum of their p95s)." +
            string.Concat(set.JourneySlis.Select(o => $"\nJourney SLI **{o.Name}**: {o.Description}, target {Number(o.Target)} %."))));
        return new Reply
        {
            Header = $"Journey · {JourneyCategories.Title(j.Category)} · {j.Name}",
            Blocks = blocks,
            Context = "★ the step's own SLI type · seed 000 §10 journey templates",
            Summary = $"{j.Name}: {j.Steps.Count} steps, {set.Slis.Count} SLIs, end to end at best {Number(Math.Round(set.EndToEndSuccessPercent, 3))} %",
            Data = JourneyData.Derived(set, changes),
        };
    }

    /// <summary>"1 second, 500 milliseconds", "5 minutes".</summary>
    private static string Latency(double ms) => BudgetFormat.Latency(ms);

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
