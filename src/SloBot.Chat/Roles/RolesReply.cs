using SloBot.Chat.Replies;
using SloBot.Core.Roles;
using SloBot.Core.Text;

namespace SloBot.Chat.Roles;

internal static class RolesReply
{
    public static Reply Render(string? service, IReadOnlyList<ServiceRolesData> holders, IReadOnlyList<string> unknownConfigured, IReadOnlyList<string> catalogServices)
    {
        var blocks = new List<ReplyBlock>();
        if (holders.Count == 0)
            blocks.Add(new TextBlock("The SLO catalog has no services yet, so nobody holds a role for one. The roles are:"));
        else if (service is { } one)
        {
            var h = holders[0];
            blocks.Add(new FieldsBlock(
            [
                new ReplyField("SLO owners", Who(h.SloOwners, $"add `owners` to {one}'s catalog entry")),
                new ReplyField("Engineering team", Who(h.Engineering, $"`SloBot:Roles:Services:{one}:Engineering`")),
                new ReplyField("Product managers", Who(h.ProductManagers, $"`SloBot:Roles:Services:{one}:ProductManager`")),
            ]));
        }
        else
        {
            blocks.Add(new TableBlock(
                ["service", "SLO owners", "engineering", "product managers"],
                holders.Select(h => (IReadOnlyList<string>)[h.Service, Who(h.SloOwners), Who(h.Engineering), Who(h.ProductManagers)]).ToArray()));
        }

        foreach (var role in RoleDefinitions.All)
        {
            blocks.Add(new TextBlock(
                $"**{role.Title}** — responsibilities: {string.Join("; ", role.Responsibilities)}.\n" +
                $"In SloBot: {string.Join("; ", RolePermissions.InSloBot(RolePermissions.RoleOf(role)))}."));
        }

        if (unknownConfigured.Count > 0)
        {
            blocks.Add(new TextBlock("⚠️ " + string.Join(" ", unknownConfigured.Select(u =>
                $"`SloBot:Roles:Services:{u}` names no service of the catalog" +
                DidYouMean.HintOr(".", u, catalogServices)))));
        }

        var vacant = holders.Count(h => h.SloOwners.Count == 0 || h.ProductManagers.Count == 0);
        return new Reply
        {
            Header = service is null ? "Roles · every service" : $"Roles · {service}",
            Blocks = blocks,
            Context = "Roles and responsibilities: the SLO governance framework's role definitions. SLO owners: the catalog's owners, then " +
                      "SloBot:Roles:Services:<service>:SloOwner, then SloBot:Roles:SloOwner; the other roles: the service's list, then the top-level one.",
            Summary = service is null
                ? $"Roles of {holders.Count} services" + (vacant > 0 ? $"; {vacant} without an SLO owner or product manager" : "")
                : $"{service}: {holders[0].SloOwners.Count} SLO owners, {holders[0].Engineering.Count} engineers, {holders[0].ProductManagers.Count} product managers",
            Data = new
            {
                services = holders,
                roles = RoleDefinitions.All.Select(RoleData.From).ToArray(),
                unknownConfiguredServices = unknownConfigured,
            },
        };
    }

    private static string Who(IReadOnlyList<string> ids, string? howToFill = null) =>
        SloRoles.Mentions(ids) ?? (howToFill is null ? "—" : $"nobody ({howToFill})");
}
