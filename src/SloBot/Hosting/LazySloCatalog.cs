using SloBot.Core.Catalog;

namespace SloBot.Hosting;

/// <summary>
/// The catalog, read from its files on first use (by <see cref="StartupTasks"/>, after the health endpoints listen) rather
/// than when a service that needs it is built: building the transports must not wait on a slow or large catalog folder.
/// </summary>
internal sealed class LazySloCatalog(Func<ISloCatalog> load) : ISloCatalog
{
    private readonly Lazy<ISloCatalog> _catalog = new(load, LazyThreadSafetyMode.ExecutionAndPublication);

    public IReadOnlyList<ServiceDefinition> Services => _catalog.Value.Services;

    public IReadOnlyList<CatalogProblem> Problems => _catalog.Value.Problems;

    public IReadOnlyList<CatalogProblem> Notes => _catalog.Value.Notes;
}
