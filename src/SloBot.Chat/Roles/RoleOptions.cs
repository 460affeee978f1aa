namespace SloBot.Chat.Roles;

/// <summary>
/// <c>SloBot:Roles</c>: the document's roles (seed 004 §Role Definitions) as lists of platform user or group ids.
/// The top-level lists hold a role for every service; <c>SloBot:Roles:Services:&lt;service&gt;</c> adds holders for
/// one service. A service's SLO owners also come from its catalog entry (owners).
/// </summary>
public sealed class RoleOptions
{
    public const string Section = "SloBot:Roles";

    /// <summary><c>SloBot:Roles:SloOwner</c>: may override deferred or blocked releases of any service.</summary>
    public List<string> SloOwner { get; set; } = [];

    /// <summary><c>SloBot:Roles:Engineering</c>: the engineering team (asks for decisions and reviews).</summary>
    public List<string> Engineering { get; set; } = [];

    /// <summary><c>SloBot:Roles:ProductManager</c>: approves error budget usage (a release under review) of any service.</summary>
    public List<string> ProductManager { get; set; } = [];

    /// <summary><c>SloBot:Roles:Services:&lt;service&gt;:SloOwner|Engineering|ProductManager</c>: holders for one service.</summary>
    public Dictionary<string, ServiceRoleOptions> Services { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The holders configured for <paramref name="service"/> alone (case-insensitive), or none.</summary>
    public ServiceRoleOptions For(string service) =>
        Services.FirstOrDefault(kv => string.Equals(kv.Key, service, StringComparison.OrdinalIgnoreCase)).Value ?? ServiceRoleOptions.None;
}

/// <summary>The holders of each role for one service (<c>SloBot:Roles:Services:&lt;service&gt;</c>).</summary>
public sealed class ServiceRoleOptions
{
    public static ServiceRoleOptions None { get; } = new();

    public List<string> SloOwner { get; set; } = [];

    public List<string> Engineering { get; set; } = [];

    public List<string> ProductManager { get; set; } = [];
}
