using System.Text;
using SloBot.Chat.Budgets;
using SloBot.Chat.Commands;
using SloBot.Chat.Replies;
using SloBot.Core.Catalog;
using SloBot.Core.Design;

namespace SloBot.Chat.Design;

/// <summary>
/// <c>/slo rules &lt;service&gt;</c>: the Prometheus recording and burn-rate alert rules for the service's catalog SLOs (the
/// same file <c>slobot rules</c> writes for a folder), attached as YAML.
/// </summary>
/// <param name="windowing">The Prometheus source's PromQL rewriter (registered with the SLI sources); the design generator's otherwise.</param>
internal sealed class RulesCommand(ISloCatalog catalog, SliWindowing? windowing = null) : ICommandHandler
{
    private readonly SliWindowing _windowing = windowing ?? CatalogRules.DesignWindowing;

    public CommandSpec Spec { get; } = new(
        "rules",
        "Prometheus recording and burn-rate alert rules for a service's catalog SLOs (Sloth's names)",
        [new CommandOption("service", "The service", OptionKind.Service, Required: true, Positional: true)],
        ["/slo rules payment"]);

    public Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var lookup = CatalogLookup.Resolve(catalog, context.Args.Text("service"), Spec);
        if (lookup.Error is { } error)
            return Task.FromResult(error);
        var service = lookup.Service!;
        if (service.Slos.Count == 0)
            return Task.FromResult(Reply.BadCommand($"{service.Name} has no SLOs in the catalog yet. Add one to its YAML file, or run `/slo design {service.Name}`."));

        var text = CatalogRules.Write([service], service.Name, _windowing);
        var groups = CatalogRules.Build([service], _windowing);
        var recordings = groups.Sum(g => g.Rules.Count(r => r is RecordingRule));
        var alerts = groups.Sum(g => g.Rules.Count(r => r is AlertingRule));
        var calendar = service.Slos.Where(s => s.Calendar is not null).Select(s => s.Name).ToArray();
        var blocks = new List<ReplyBlock>
        {
            new TextBlock($"{recordings} recording rules and {alerts} alerts for {service.Slos.Count} SLO{(service.Slos.Count == 1 ? "" : "s")} of **{service.Name}** "
                + "(Sloth's names: `sloth_id`, `slo:sli_error:ratio_rate<window>`, `sloth_slo_info`). Load the attached file into Prometheus; check it with `promtool check rules`."),
        };
        if (calendar.Length > 0)
            blocks.Add(new TextBlock($"Calendar SLOs ({string.Join(", ", calendar)}): burn-rate rules and alerts only; a calendar period is not a fixed range a rule can record, so SloBot counts the period itself."));
        return Task.FromResult(new Reply
        {
            Header = $"Prometheus rules · {service.Name}",
            Blocks = blocks,
            Attachments = [new ReplyAttachment(CatalogRules.FileName(service.Name), "application/yaml", Encoding.UTF8.GetBytes(text))],
            Summary = $"{service.Name}: {recordings} recording rules, {alerts} alerts",
            Data = new
            {
                service = service.Name,
                slos = service.Slos.Select(s => new { slo = s.Name, slothId = CatalogRules.SlothId(s) }).ToArray(),
                recordingRules = recordings,
                alerts,
                file = CatalogRules.FileName(service.Name),
                rules = text,
            },
        });
    }
}
