namespace SloBot.Core.Catalog;

/// <summary>A service of the catalog with the metadata the bot needs (tier, owners, chat channel).</summary>
public sealed record ServiceDefinition(
    string Name,
    IReadOnlyList<SloDefinition> Slos,
    string? Tier = null,
    IReadOnlyList<string>? Owners = null,
    string? Channel = null,
    IReadOnlyList<string>? Dependencies = null,
    string? Description = null,
    IReadOnlyDictionary<string, string>? Labels = null)
{
    public IReadOnlyList<string> OwnerIds => Owners ?? [];

    public IReadOnlyList<string> DependencyNames => Dependencies ?? [];

    public IReadOnlyDictionary<string, string> LabelMap => Labels ?? new Dictionary<string, string>();
}
