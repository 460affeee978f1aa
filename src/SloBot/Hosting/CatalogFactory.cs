using Microsoft.Extensions.Options;
using SloBot.Core.Catalog;
using SloBot.Demo;

namespace SloBot.Hosting;

/// <summary>Builds the catalog at start-up: the YAML folder of <c>SloBot:Catalog:Path</c>, plus the demo services with <c>--demo</c>.</summary>
internal static class CatalogFactory
{
    public static ISloCatalog Create(IOptions<SloBotOptions> options, HostMode mode)
    {
        var services = new List<ServiceDefinition>();
        var problems = new List<CatalogProblem>();
        if (mode.Demo)
            services.AddRange(DemoCatalog.Services);
        return new InMemorySloCatalog(services, problems);
    }
}

/// <summary>How the process was started.</summary>
internal sealed record HostMode(bool Demo, bool Interactive);
