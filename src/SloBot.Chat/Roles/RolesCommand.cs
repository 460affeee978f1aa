using SloBot.Chat.Commands;
using SloBot.Chat.Replies;
using SloBot.Core.Catalog;
using SloBot.Core.Roles;
using SloBot.Core.Text;

namespace SloBot.Chat.Roles;

/// <summary><c>/slo roles [service]</c>: who holds each of the document's roles per service, their responsibilities, and what each may do in SloBot.</summary>
internal sealed class RolesCommand(ISloCatalog catalog, SloRoles roles) : ICommandHandler
{
    public CommandSpec Spec { get; } = new(
        "roles",
        "Who holds each role per service (SLO owner, engineering, product manager) and what each may do",
        [new CommandOption("service", "One service of the catalog (default: every service)", OptionKind.Service, Positional: true)],
        ["/slo roles", "/slo roles payment"]);

    public Task<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var name = context.Args.Text("service");
        IReadOnlyList<ServiceDefinition> services;
        if (name is null)
            services = catalog.Services;
        else if (catalog.FindService(name) is { } service)
            services = [service];
        else
            return Task.FromResult(UnknownService(name));

        var holders = services.Select(s => new ServiceRolesData(
            s.Name,
            roles.HoldersOf(SloRole.SloOwner, s),
            roles.HoldersOf(SloRole.Engineering, s),
            roles.HoldersOf(SloRole.ProductManager, s))).ToArray();
        var unknown = roles.ConfiguredServices.Where(s => catalog.FindService(s) is null).Order(StringComparer.Ordinal).ToArray();
        return Task.FromResult(RolesReply.Render(name is null ? null : services[0].Name, holders, unknown, catalog.Services.Select(s => s.Name).ToArray()));
    }

    private Reply UnknownService(string name)
    {
        var hint = DidYouMean.HintOr(".", name, catalog.Services.Select(s => s.Name));
        return Reply.BadCommand($"`{name}` is not a service of the SLO catalog{hint} `/slo roles` without a service lists every one.");
    }
}

/// <summary>One service's holders in <c>/slo roles --json</c>: platform user or group ids, most specific first.</summary>
public sealed record ServiceRolesData(string Service, IReadOnlyList<string> SloOwners, IReadOnlyList<string> Engineering, IReadOnlyList<string> ProductManagers);

/// <summary>One role in <c>/slo roles --json</c>: the document's text and what SloBot lets it do.</summary>
public sealed record RoleData(string Role, string Title, IReadOnlyList<string> Responsibilities, IReadOnlyList<string> RequiredSkills, IReadOnlyList<string> InSloBot)
{
    public static RoleData From(RoleDefinition d) =>
        new(d.Key, d.Title, d.Responsibilities, d.RequiredSkills, RolePermissions.InSloBot(RolePermissions.RoleOf(d)));
}
