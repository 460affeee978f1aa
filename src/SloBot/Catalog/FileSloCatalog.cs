using SloBot.Core.Catalog;

namespace SloBot.Catalog;

/// <summary>
/// The catalog from a folder of OpenSLO / Sloth YAML files (<c>*.yaml</c>, <c>*.yml</c>, read recursively, in ordinal
/// path order). Read once at construction; unreadable, oversized or non-UTF-8 files and a missing folder are problems,
/// not exceptions. Directory links are followed, but each real directory is read once: a link back to a folder already
/// read (a loop) is a note, not a walk without end.
/// </summary>
internal sealed class FileSloCatalog : ISloCatalog
{
    public FileSloCatalog(string folder, TimeSpan? defaultWindow = null)
    {
        var reader = new CatalogReader(defaultWindow);
        var root = Path.GetFullPath(folder);
        if (!Directory.Exists(root))
        {
            reader.AddProblem(new CatalogProblem(folder, null, "SloBot:Catalog:Path",
                "the catalog folder does not exist", "point SloBot:Catalog:Path at a folder of OpenSLO or Sloth YAML files"));
        }
        else
        {
            foreach (var file in CatalogFolder.Files(root, reader.AddProblem))
            {
                var name = Path.GetRelativePath(root, file);
                try
                {
                    var length = new FileInfo(file).Length;
                    if (length > CatalogLimits.MaxFileBytes)
                    {
                        // Refused before reading: a huge file must cost nothing.
                        reader.AddProblem(new CatalogProblem(name, null, "(file)",
                            $"is {length:N0} bytes; catalog files may be at most {CatalogLimits.MaxFileBytes:N0} bytes (1 MiB)", "split the catalog into one file per service"));
                        continue;
                    }

                    reader.Add(name, File.ReadAllBytes(file));
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
        Notes = catalog.Notes;
    }

    public string Folder { get; }

    public IReadOnlyList<ServiceDefinition> Services { get; }

    public IReadOnlyList<CatalogProblem> Problems { get; }

    public IReadOnlyList<CatalogProblem> Notes { get; }
}
