namespace SloBot.Chat.Roles;

/// <summary>
/// <c>SloBot:Roles</c>: the document's roles (seed 004 §Role Definitions) as lists of platform user or group ids.
/// An SLO owner listed here owns every service; a service's own owners come from its catalog entry (owners).
/// </summary>
public sealed class RoleOptions
{
    public const string Section = "SloBot:Roles";

    /// <summary><c>SloBot:Roles:SloOwner</c>: may override deferred or blocked releases of any service.</summary>
    public List<string> SloOwner { get; set; } = [];

    /// <summary><c>SloBot:Roles:Engineering</c>: the engineering team (asks for decisions and reviews).</summary>
    public List<string> Engineering { get; set; } = [];

    /// <summary><c>SloBot:Roles:ProductManager</c>: approves error budget usage; mentioned with the owners on review requests.</summary>
    public List<string> ProductManager { get; set; } = [];

    /// <summary>Null when valid, else the message naming the key.</summary>
    public string? Problem()
    {
        foreach (var (key, ids) in new[] { ("SloOwner", SloOwner), ("Engineering", Engineering), ("ProductManager", ProductManager) })
        {
            var bad = ids.FirstOrDefault(id => string.IsNullOrWhiteSpace(id) || id.Any(char.IsWhiteSpace));
            if (bad is not null)
                return $"{Section}:{key} holds '{bad}', which is not a platform user or group id (Slack U…/S…, Discord snowflake); expected a list of ids without spaces.";
        }

        return null;
    }
}
