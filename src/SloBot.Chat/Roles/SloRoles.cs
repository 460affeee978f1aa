using Microsoft.Extensions.Options;
using SloBot.Chat.Events;
using SloBot.Core.Catalog;

namespace SloBot.Chat.Roles;

/// <summary>The document's roles (seed 004 §Role Definitions) mapped to chat users.</summary>
public enum SloRole
{
    SloOwner,
    Engineering,
    ProductManager,
}

/// <summary>
/// Who holds which role for a service: its SLO owners are its catalog owners, then <c>SloBot:Roles:Services:&lt;service&gt;:SloOwner</c>,
/// then <c>SloBot:Roles:SloOwner</c>; engineering and product managers come from configuration only (the service's
/// list, then the top-level one). A user matches by id or by one of their group ids.
/// </summary>
public sealed class SloRoles(IOptions<RoleOptions> options)
{
    private readonly RoleOptions _options = options.Value;

    public bool IsSloOwner(ChatUser user, ServiceDefinition service) => Matches(user, SloOwnersOf(service));

    public bool Holds(ChatUser user, SloRole role, ServiceDefinition service) => Matches(user, HoldersOf(role, service));

    /// <summary>Catalog owners of the service first, then the configured SLO owners; ids normalised ("&lt;@U1&gt;" → "U1").</summary>
    public IReadOnlyList<string> SloOwnersOf(ServiceDefinition service) => HoldersOf(SloRole.SloOwner, service);

    /// <summary>Everyone holding <paramref name="role"/> for <paramref name="service"/>, most specific first.</summary>
    public IReadOnlyList<string> HoldersOf(SloRole role, ServiceDefinition service)
    {
        var own = _options.For(service.Name);
        IEnumerable<string> ids = role switch
        {
            SloRole.SloOwner => service.OwnerIds.Concat(own.SloOwner).Concat(_options.SloOwner),
            SloRole.Engineering => own.Engineering.Concat(_options.Engineering),
            _ => own.ProductManager.Concat(_options.ProductManager),
        };
        return Clean(ids);
    }

    /// <summary>The holders of <paramref name="role"/> for every service (the top-level list).</summary>
    public IReadOnlyList<string> Members(SloRole role) => Clean(role switch
    {
        SloRole.SloOwner => _options.SloOwner,
        SloRole.Engineering => _options.Engineering,
        _ => _options.ProductManager,
    });

    /// <summary>Service names of <c>SloBot:Roles:Services</c> (to point out ones the catalog does not know).</summary>
    public IReadOnlyCollection<string> ConfiguredServices => _options.Services.Keys;

    /// <summary>"&lt;@U1&gt;, &lt;@U2&gt;" for a reply, or null when nobody holds the role.</summary>
    public static string? Mentions(IReadOnlyList<string> ids) => ids.Count == 0 ? null : string.Join(", ", ids.Select(id => $"<@{id}>"));

    private static string[] Clean(IEnumerable<string> ids) =>
        ids.Select(Normalise).Where(id => id.Length > 0).Distinct(StringComparer.Ordinal).ToArray();

    private static bool Matches(ChatUser user, IReadOnlyList<string> ids) =>
        ids.Contains(user.Id, StringComparer.Ordinal) || user.GroupIds.Any(g => ids.Contains(g, StringComparer.Ordinal));

    private static string Normalise(string id) => id.Trim().TrimStart('<').TrimStart('@', '!', '&').TrimEnd('>').Trim();
}
