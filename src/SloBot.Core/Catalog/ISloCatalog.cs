namespace SloBot.Core.Catalog;

/// <summary>The services and SLOs SloBot knows about. Implemented at the edge (YAML files, stored SLOs).</summary>
public interface ISloCatalog
{
    IReadOnlyList<ServiceDefinition> Services { get; }

    /// <summary>Files or documents that failed to load; the rest of the catalog still works.</summary>
    IReadOnlyList<CatalogProblem> Problems { get; }
}

public static class SloCatalogExtensions
{
    public static ServiceDefinition? FindService(this ISloCatalog catalog, string name) =>
        catalog.Services.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
}
