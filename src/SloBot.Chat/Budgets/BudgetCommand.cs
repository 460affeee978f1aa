using SloBot.Chat.Commands;
using SloBot.Chat.Replies;
using SloBot.Core.Budgets;
using SloBot.Core.Catalog;
using SloBot.Core.Text;

namespace SloBot.Chat.Budgets;

/// <summary><c>/slo budget &lt;service&gt; [slo]</c>: the live error budget of every SLO of a service, or of one.</summary>
internal sealed class BudgetCommand(ISloCatalog catalog, BudgetAnswers answers) : ICommandHandler
{
    public CommandSpec Spec { get; } = new(
        "budget",
        "Live error budget: remaining, burn rates, status, projected exhaustion, burn-down chart",
        [
            new CommandOption("service", "The service", OptionKind.Service, Required: true, Positional: true),
            new CommandOption("slo", "One SLO of the service (default: all)", Positional: true),
        ],
        ["/slo budget payment", "/slo budget payment availability"]);

    public async Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var lookup = CatalogLookup.Resolve(catalog, context.Args.Text("service"), Spec);
        if (lookup.Error is { } error)
            return error;
        var service = lookup.Service!;
        var slos = service.Slos;
        if (context.Args.Text("slo") is { } sloName)
        {
            var slo = service.Slos.FirstOrDefault(s => string.Equals(s.Name, sloName, StringComparison.OrdinalIgnoreCase));
            if (slo is null)
            {
                var hint = DidYouMean.Hint(sloName, service.Slos.Select(s => s.Name));
                return Reply.BadCommand($"{service.Name} has no SLO `{sloName}`{(hint.Length > 0 ? hint : ".")} Its SLOs: {string.Join(", ", service.Slos.Select(s => s.Name))}.");
            }

            slos = [slo];
        }

        if (slos.Count == 0)
            return Reply.BadCommand($"{service.Name} has no SLOs in the catalog yet. Add one to its YAML file, or run `/slo design {service.Name}`.");

        return await answers.ForAsync(service, slos, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>Resolves a service argument with a did-you-mean, shared by every command that takes one.</summary>
public static class CatalogLookup
{
    public static (ServiceDefinition? Service, Reply? Error) Resolve(ISloCatalog catalog, string? name, CommandSpec spec)
    {
        if (catalog.Services.Count == 0)
            return (null, EmptyCatalog());
        if (string.IsNullOrWhiteSpace(name))
        {
            return (null, Reply.BadCommand(
                $"Which service? Usage: `{spec.Usage}`, for example `{spec.Examples[0]}`. Services: {string.Join(", ", catalog.Services.Select(s => s.Name))}."));
        }

        if (catalog.FindService(name) is { } service)
            return (service, null);
        var hint = DidYouMean.Hint(name, catalog.Services.Select(s => s.Name));
        var message = hint.Length == 0
            ? $"no service `{name}`. Known services: {string.Join(", ", catalog.Services.Select(s => s.Name))}."
            : $"no service `{name}`{hint}";
        return (null, Reply.BadCommand(message));
    }

    public static Reply EmptyCatalog() => Reply.BadCommand(
        "The SLO catalog is empty. Point `SloBot:Catalog:Path` at a folder of OpenSLO or Sloth YAML files " +
        "(see deploy/catalog for examples), or start SloBot with `--demo` to try it on demo services.");
}
