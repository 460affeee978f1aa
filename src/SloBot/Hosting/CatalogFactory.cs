using Microsoft.Extensions.Options;
using SloBot.Catalog;
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
        IReadOnlyList<CatalogProblem> notes = [];
        if (mode.Demo)
            services.AddRange(DemoCatalog.Services);
        if (options.Value.Catalog.Path is { Length: > 0 } path)
        {
            var files = new FileSloCatalog(path, options.Value.Catalog.DefaultWindowSpan);
            notes = files.Notes;
            var taken = services.Select(s => s.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            services.AddRange(files.Services.Where(s => !taken.Contains(s.Name)));
            problems.AddRange(files.Problems);
            problems.AddRange(files.Services.Where(s => taken.Contains(s.Name))
                .Select(s => new CatalogProblem(path, null, "service", $"'{s.Name}' is also a demo service; the demo one is used")));
        }
        return new InMemorySloCatalog(services, problems) { Notes = notes };
    }
}

/// <summary>How the process was started.</summary>
internal sealed record HostMode(bool Demo, bool Interactive);
