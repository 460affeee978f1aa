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
/// Who holds which role: a service's SLO owners are its catalog owners plus <c>SloBot:Roles:SloOwner</c>; the other
/// roles come from configuration only. A user matches by id or by one of their group ids.
/// </summary>
public sealed class SloRoles(IOptions<RoleOptions> options)
{
    private readonly RoleOptions _options = options.Value;

    public bool IsSloOwner(ChatUser user, ServiceDefinition service) => Matches(user, SloOwnersOf(service));

    public bool Holds(ChatUser user, SloRole role) => Matches(user, Members(role));

    /// <summary>Catalog owners of the service first, then the configured SLO owners; ids normalised ("&lt;@U1&gt;" → "U1").</summary>
    public IReadOnlyList<string> SloOwnersOf(ServiceDefinition service) =>
        service.OwnerIds.Concat(_options.SloOwner).Select(Normalise).Where(id => id.Length > 0).Distinct(StringComparer.Ordinal).ToArray();

    public IReadOnlyList<string> Members(SloRole role) => (role switch
    {
        SloRole.SloOwner => _options.SloOwner,
        SloRole.Engineering => _options.Engineering,
        _ => _options.ProductManager,
    }).Select(Normalise).Where(id => id.Length > 0).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>"&lt;@U1&gt;, &lt;@U2&gt;" for a reply, or null when nobody holds the role.</summary>
    public static string? Mentions(IReadOnlyList<string> ids) => ids.Count == 0 ? null : string.Join(", ", ids.Select(id => $"<@{id}>"));

    private static bool Matches(ChatUser user, IReadOnlyList<string> ids) =>
        ids.Contains(user.Id, StringComparer.Ordinal) || user.GroupIds.Any(g => ids.Contains(g, StringComparer.Ordinal));

    private static string Normalise(string id) => id.Trim().TrimStart('<').TrimStart('@', '!', '&').TrimEnd('>').Trim();
}
