namespace SloBot.Core.Catalog;

/// <summary>A fixed catalog: the demo data, tests, and the result of loading files.</summary>
public sealed class InMemorySloCatalog(IReadOnlyList<ServiceDefinition> services, IReadOnlyList<CatalogProblem>? problems = null)
    : ISloCatalog
{
    public IReadOnlyList<ServiceDefinition> Services { get; } = services;

    public IReadOnlyList<CatalogProblem> Problems { get; } = problems ?? [];

    public IReadOnlyList<CatalogProblem> Notes { get; init; } = [];
}
