using System.Text;
using SloBot.Chat.Commands;
using SloBot.Chat.Replies;
using SloBot.Chat.Tiers;
using SloBot.Core.Catalog;
using SloBot.Core.Design;
using SloBot.Core.Text;
using SloBot.Core.Tiers;

namespace SloBot.Chat.Design;

/// <summary><c>/slo design &lt;service&gt; [tier=…]</c>: seed 000 §8.1 design_slo_framework, with OpenSLO, Prometheus rules and a Grafana dashboard attached.</summary>
internal sealed class DesignCommand(ISloCatalog catalog, ITierAdoptions adoptions) : ICommandHandler
{
    private static readonly string[] TierWords = ServiceTierNames.All.Select(t => t.ToWord()).ToArray();

    public CommandSpec Spec { get; } = new(
        "design",
        "SLOs from a service's tier: targets, budgets, burn-rate alerts, OpenSLO, Prometheus rules, dashboard",
        [
            new CommandOption("service", "The service (need not be in the catalog yet)", OptionKind.Service, Required: true, Positional: true),
            new CommandOption("tier", "The tier to design for (default: the adopted or catalog tier)", Choices: TierWords),
            new CommandOption("targets", "catalog (default: an SLO in the catalog keeps its target) or tier (the tier's targets)", Choices: ["catalog", "tier"]),
        ],
        ["/slo design payment", "/slo design checkout tier=essential", "/slo design payment targets=tier"]);

    public async Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        // The router has checked the words: a service is given, tier= and targets= are among their choices.
        var name = context.Args.Text("service")!;
        var targets = context.Args.Text("targets") ?? "catalog";
        var service = catalog.FindService(name);
        var serviceName = service?.Name ?? name;
        ServiceTier tier;
        string source;
        if (context.Args.Text("tier") is { } tierText && ServiceTierNames.TryParse(tierText, out tier))
        {
            source = "option";
        }
        else
        {
            var (known, from) = await adoptions.EffectiveTierAsync(serviceName, service?.Tier, cancellationToken).ConfigureAwait(false);
            if (known is null)
                return NoTier(serviceName, service);
            (tier, source) = (known.Value, from);
        }

        var dependencies = new List<DependencySlo>();
        foreach (var dependency in service?.DependencyNames ?? [])
            dependencies.Add(await DependencyAsync(dependency, cancellationToken).ConfigureAwait(false));
        var spec = SloDesigner.Design(new DesignRequest(serviceName, tier, source, service, dependencies, TierTargets: targets == "tier"));
        var options = string.Concat(
            source == "option" ? $" tier={tier.ToWord()}" : "",
            targets == "tier" ? " targets=tier" : "");
        var reply = DesignReply.Render(spec, Files(spec, service), options);
        return Planning.PlannedTargetNote.For(catalog, service) is { } note ? reply with { Blocks = [.. reply.Blocks, note] } : reply;
    }

    private Reply NoTier(string name, ServiceDefinition? service)
    {
        var why = service is null
            ? $"`{name}` is not in the SLO catalog"
            : service.Tier is { } text ? $"The catalog's tier for {name}, `{text}`, is not one of SloBot's tiers" : $"{name} has no tier in the catalog";
        var inCatalog = service is null ? DidYouMean.Hint(name, catalog.Services.Select(s => s.Name)) : "";
        return Reply.BadCommand(
            $"{why}, so I don't know which tier to design for{(inCatalog.Length > 0 ? "" : ".")}{inCatalog} Pass one, e.g. `/slo design {name} tier=essential` " +
            $"({string.Join(", ", TierWords)}), or get a recommendation first with `/slo tier {name}`.");
    }

    private async Task<DependencySlo> DependencyAsync(string name, CancellationToken cancellationToken)
    {
        var dependency = catalog.FindService(name);
        if (dependency?.Slos.FirstOrDefault(s => s.Name.Contains("avail", StringComparison.OrdinalIgnoreCase)) is { } slo)
            return new DependencySlo(dependency.Name, slo.Target * 100, $"SLO {slo.Name}");
        var (tier, source) = await adoptions.EffectiveTierAsync(dependency?.Name ?? name, dependency?.Tier, cancellationToken).ConfigureAwait(false);
        if (tier is { } t)
            return new DependencySlo(dependency?.Name ?? name, TierProfiles.For(t).AvailabilityPercent, $"{source} tier {t.ToWord()}");
        return new DependencySlo(dependency?.Name ?? name, null, dependency is null ? "not in the catalog" : "no SLO or tier");
    }

    private static ReplyAttachment[] Files(SloSpecification spec, ServiceDefinition? service)
    {
        var stem = SloDesigner.DashboardUid(spec.Service)["slobot-".Length..];
        return
        [
            new($"{stem}-openslo.yaml", "application/yaml", Encoding.UTF8.GetBytes(OpenSloWriter.Write(spec, service))),
            new($"{stem}-slo-rules.yaml", "application/yaml", Encoding.UTF8.GetBytes(PrometheusRulesWriter.Write(spec))),
            new($"{stem}-slo-dashboard.json", "application/json", Encoding.UTF8.GetBytes(GrafanaDashboardWriter.Write(spec))),
        ];
    }
}
