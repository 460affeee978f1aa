namespace SloBot.Tests.Architecture;

/// <summary>The repository's source files, for tests that read the code itself (project references, one did-you-mean, log event ids).</summary>
internal static class SourceTree
{
    public static string Root { get; } = FindRoot();

    /// <summary>Every C# file under <c>src/</c> (build output left out), as (path relative to the root, text).</summary>
    public static IEnumerable<(string Path, string Text)> SourceFiles() =>
        Directory.EnumerateFiles(Path.Combine(Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Order(StringComparer.Ordinal)
            .Select(f => (Path.GetRelativePath(Root, f).Replace('\\', '/'), File.ReadAllText(f)));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SloBot.sln")))
                return dir.FullName;
        }

        throw new InvalidOperationException("SloBot.sln not found above " + AppContext.BaseDirectory);
    }
}
