using SloBot.Catalog;
using SloBot.Core.Catalog;
using Xunit;

namespace SloBot.Tests.Catalog;

public sealed class FileSloCatalogTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("slobot-catalog-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void New_FolderWithNestedFiles_ReadsYamlAndYmlRecursively()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "team", "deep"));
        File.WriteAllText(Path.Combine(_dir, "a.yaml"), "apiVersion: openslo/v1\nkind: Service\nmetadata: {name: a}\n");
        File.WriteAllText(Path.Combine(_dir, "team", "deep", "b.yml"),
            "version: prometheus/v1\nservice: b\nslos: [{name: x, objective: 99, sli: {events: {error_query: e, total_query: t}}}]\n");
        File.WriteAllText(Path.Combine(_dir, "team", "broken.yaml"), "version: prometheus/v1\nservice: c\nslos: [{name: y, objective: 101}]\n");
        File.WriteAllText(Path.Combine(_dir, "notes.txt"), "not yaml: [");

        var catalog = new FileSloCatalog(_dir);

        Assert.Equal(["a", "b", "c"], catalog.Services.Select(s => s.Name));
        Assert.Equal(Path.Combine("team", "deep", "b.yml"), catalog.FindService("b")!.Slos[0].SourceFile);
        Assert.All(catalog.Problems, p => Assert.Equal(Path.Combine("team", "broken.yaml"), p.File));
        Assert.Contains(catalog.Problems, p => p.Field == "slos[0].objective" && p.Line == 3);
    }

    [Fact]
    public void New_MissingFolder_IsAProblemNamingTheKey()
    {
        var catalog = new FileSloCatalog(Path.Combine(_dir, "nope"));

        Assert.Empty(catalog.Services);
        Assert.Equal("SloBot:Catalog:Path", Assert.Single(catalog.Problems).Field);
    }

    [Fact]
    public void New_DirectorySymlinkLoops_EachRealFolderIsReadOnceAndTheLinksAreNoted()
    {
        var team = Directory.CreateDirectory(Path.Combine(_dir, "team")).FullName;
        File.WriteAllText(Path.Combine(team, "a.yaml"), "apiVersion: openslo/v1\nkind: Service\nmetadata: {name: a}\n");
        Directory.CreateSymbolicLink(Path.Combine(team, "loop"), _dir);
        Directory.CreateSymbolicLink(Path.Combine(team, "self"), ".");
        Directory.CreateSymbolicLink(Path.Combine(_dir, "again"), team);

        var catalog = new FileSloCatalog(_dir);

        Assert.Equal("a", Assert.Single(catalog.Services).Name);
        Assert.Contains(catalog.Notes, n => n.File == Path.Combine("team", "loop") && n.Message.Contains("already read", StringComparison.Ordinal));
        Assert.Contains(catalog.Notes, n => n.File == Path.Combine("team", "self"));
        Assert.Contains(catalog.Notes, n => n.File == "again");
        Assert.Equal(3, catalog.Notes.Count(n => n.Field == "(folder)"));
        Assert.Empty(catalog.Problems);
    }

    [Fact]
    public void New_OversizedFile_IsRefusedWithoutReadingIt()
    {
        File.WriteAllText(Path.Combine(_dir, "ok.yaml"), "apiVersion: openslo/v1\nkind: Service\nmetadata: {name: ok}\n");
        using (var big = File.Create(Path.Combine(_dir, "big.yaml")))
            big.SetLength(CatalogLimits.MaxFileBytes + 1L);

        var catalog = new FileSloCatalog(_dir);

        Assert.Equal("ok", Assert.Single(catalog.Services).Name);
        Assert.Equal(("big.yaml", "(file)"), (Assert.Single(catalog.Problems).File, catalog.Problems[0].Field));
    }
}
