namespace SloBot.Core.Catalog;

/// <summary>The services and SLOs SloBot knows about. Implemented at the edge (YAML files, stored SLOs).</summary>
public interface ISloCatalog
{
    IReadOnlyList<ServiceDefinition> Services { get; }

    /// <summary>Files, documents or SLOs refused (errors) or not used as written (warnings); the rest of the catalog still works.</summary>
    IReadOnlyList<CatalogProblem> Problems { get; }

    /// <summary>Parts ignored on purpose and defaults applied (severity <see cref="CatalogSeverity.Note"/>).</summary>
    IReadOnlyList<CatalogProblem> Notes => [];
}

public static class SloCatalogExtensions
{
    public static ServiceDefinition? FindService(this ISloCatalog catalog, string name) =>
        catalog.Services.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
}
