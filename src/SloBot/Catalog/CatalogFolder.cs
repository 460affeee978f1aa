using SloBot.Core.Catalog;

namespace SloBot.Catalog;

/// <summary>The YAML files of a catalog folder: each real directory walked once, whatever links point where.</summary>
internal static class CatalogFolder
{
    /// <summary>Most directories walked; a deeper or wider tree is cut short with a problem.</summary>
    public const int MaxDirectories = 10_000;

    public static IReadOnlyList<string> Files(string root, Func<CatalogProblem, CatalogReader> report)
    {
        var files = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        // Breadth first, real folders before links, so a folder is read under its own path when it can be.
        var pending = new Queue<string>();
        pending.Enqueue(root);
        while (pending.Count > 0)
        {
            var dir = pending.Dequeue();
            var real = RealPath(dir);
            if (real is null || !seen.Add(real))
            {
                report(new CatalogProblem(Path.GetRelativePath(root, dir), null, "(folder)",
                    real is null ? "is a link that cannot be resolved; skipped" : $"is a link to '{Shown(root, real)}', which is already read; skipped so that it is read once",
                    null, real is null ? CatalogSeverity.Warning : CatalogSeverity.Note));
                continue;
            }

            if (seen.Count > MaxDirectories)
            {
                report(new CatalogProblem(Path.GetRelativePath(root, dir), null, "(folder)", $"the catalog has more than {MaxDirectories:N0} folders; the rest is not read"));
                break;
            }

            try
            {
                var entries = new DirectoryInfo(dir).EnumerateFileSystemInfos().OrderBy(e => e.LinkTarget is not null).ThenBy(e => e.Name, StringComparer.Ordinal).ToArray();
                foreach (var entry in entries)
                {
                    if (entry is DirectoryInfo || (entry.LinkTarget is not null && Directory.Exists(entry.FullName)))
                        pending.Enqueue(entry.FullName);
                    else if (entry.Name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || entry.Name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                        files.Add(entry.FullName);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                report(new CatalogProblem(Path.GetRelativePath(root, dir), null, "(folder)", $"could not be read: {e.Message}", null, CatalogSeverity.Warning));
            }
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }

    private static string Shown(string root, string real)
    {
        var relative = Path.GetRelativePath(RealPath(root) ?? root, real);
        return relative == "." ? "the catalog folder" : relative;
    }

    /// <summary>The path with every link resolved (like realpath(3)), or null for a broken link or a link chain too long.</summary>
    private static string? RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var parts = full.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var current = Path.GetPathRoot(full) ?? "/";
        var hops = 0;
        var queue = new Queue<string>(parts.Skip(Path.GetPathRoot(full)?.Trim(Path.DirectorySeparatorChar).Length > 0 ? 1 : 0));
        while (queue.Count > 0)
        {
            var next = Path.Combine(current, queue.Dequeue());
            var info = new DirectoryInfo(next);
            if (info.LinkTarget is { } target)
            {
                if (++hops > 40)
                    return null;
                var resolved = Path.GetFullPath(Path.IsPathRooted(target) ? target : Path.Combine(current, target));
                var rest = queue.ToArray();
                queue.Clear();
                foreach (var p in resolved.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Concat(rest))
                    queue.Enqueue(p);
                current = Path.GetPathRoot(resolved) ?? "/";
                continue;
            }

            current = next;
        }

        return Directory.Exists(current) ? current : null;
    }
}
