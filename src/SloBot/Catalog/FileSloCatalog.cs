using SloBot.Core.Catalog;

namespace SloBot.Catalog;

/// <summary>
/// The catalog from a folder of OpenSLO / Sloth YAML files (<c>*.yaml</c>, <c>*.yml</c>, read recursively, in
/// ordinal path order). Read once at construction; unreadable files and a missing folder are problems, not exceptions.
/// </summary>
internal sealed class FileSloCatalog : ISloCatalog
{
    public FileSloCatalog(string folder)
    {
        var reader = new CatalogReader();
        var root = Path.GetFullPath(folder);
        if (!Directory.Exists(root))
        {
            reader.AddProblem(new CatalogProblem(folder, null, "SloBot:Catalog:Path",
                "the catalog folder does not exist; point SloBot:Catalog:Path at a folder of OpenSLO or Sloth YAML files"));
        }
        else
        {
            foreach (var file in Files(root))
            {
                var name = Path.GetRelativePath(root, file);
                try
                {
                    reader.Add(name, File.ReadAllText(file));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    reader.AddProblem(new CatalogProblem(name, null, "(file)", $"could not be read: {e.Message}"));
                }
            }
        }

        var catalog = reader.Build();
        Folder = root;
        Services = catalog.Services;
        Problems = catalog.Problems;
    }

    public string Folder { get; }

    public IReadOnlyList<ServiceDefinition> Services { get; }

    public IReadOnlyList<CatalogProblem> Problems { get; }

    private static IEnumerable<string> Files(string root) =>
        Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);
}
