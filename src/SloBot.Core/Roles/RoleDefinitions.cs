namespace SloBot.Core.Roles;

/// <summary>One of the document's roles: its responsibilities and required skills, as written.</summary>
/// <param name="Key">The --json spelling: <c>sloOwner</c>, <c>engineering</c>, <c>productManager</c>.</param>
public sealed record RoleDefinition(string Key, string Title, IReadOnlyList<string> Responsibilities, IReadOnlyList<string> RequiredSkills);

/// <summary>Seed 004 §Role Definitions, in the document's order.</summary>
public static class RoleDefinitions
{
    public static RoleDefinition SloOwner { get; } = new(
        "sloOwner",
        "SLO Owner",
        [
            "Define and maintain SLO definitions",
            "Monitor SLO performance and error budget",
            "Lead weekly SLO reviews",
            "Communicate with stakeholders",
            "Drive reliability improvements",
        ],
        ["Understanding of service architecture", "Data analysis and interpretation", "Stakeholder communication", "Technical writing"]);

    public static RoleDefinition Engineering { get; } = new(
        "engineering",
        "Engineering Team",
        [
            "Implement SLI measurements",
            "Respond to SLO breaches",
            "Develop reliability improvements",
            "Participate in reviews and retrospectives",
            "Instrument services for observability",
        ],
        ["Service development", "Monitoring and observability", "Incident response", "Performance optimization"]);

    public static RoleDefinition ProductManager { get; } = new(
        "productManager",
        "Product Manager",
        [
            "Balance features vs reliability",
            "Approve error budget usage",
            "Set business priorities",
            "Communicate with customers",
            "Align SLOs with business goals",
        ],
        ["Business strategy", "Customer empathy", "Data-driven decision making", "Cross-functional collaboration"]);

    public static IReadOnlyList<RoleDefinition> All { get; } = [SloOwner, Engineering, ProductManager];
}
