using SloBot.Core.Catalog;
using Xunit;

namespace SloBot.Core.Tests.Catalog;

public class CatalogFilesTests
{
    [Fact]
    public void Read_BrokenDocument_OtherDocumentsAndFilesStillLoad()
    {
        var broken = "apiVersion: openslo/v1\nkind: Service\nmetadata: {name: a}\n---\nkind: [unclosed\n---\napiVersion: openslo/v1\nkind: Service\nmetadata: {name: b}\n";

        var catalog = new CatalogReader()
            .Add("broken.yaml", broken)
            .Add("other.yaml", "version: prometheus/v1\nservice: c\nslos: [{name: x, objective: 99, sli: {events: {error_query: e, total_query: t}}}]\n")
            .Build();

        var problem = Assert.Single(catalog.Problems);
        Assert.Equal("broken.yaml", problem.File);
        Assert.Equal(5, problem.Line);
        Assert.Contains("not valid YAML", problem.Message, StringComparison.Ordinal);
        Assert.Equal(["a", "b", "c"], catalog.Services.Select(s => s.Name));
        Assert.Equal(SliQueryKind.Counter, catalog.Services[2].Slos[0].Indicator.Kind);
    }

    [Theory]
    [InlineData("apiVersion: openslo/v2\nkind: SLO\n", "apiVersion", "'openslo/v2' is not supported")]
    [InlineData("version: prometheus/v2\nservice: x\n", "version", "'prometheus/v2' is not supported")]
    [InlineData("kind: SLO\nmetadata: {name: x}\n", "apiVersion", "is missing")]
    [InlineData("apiVersion: openslo/v1\nkind: Project\nmetadata: {name: x}\nspec: {}\n", "kind", "is not an OpenSLO v1 kind")]
    public void Read_UnsupportedDocument_NamesTheField(string text, string field, string message)
    {
        var problem = Assert.Single(CatalogReader.Read("x.yaml", text).Problems);

        Assert.Equal(field, problem.Field);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DuplicateSlo_KeepsTheFirstAndReportsTheSecond()
    {
        var sloth = "version: prometheus/v1\nservice: c\nslos: [{name: x, objective: 99, sli: {events: {error_query: e, total_query: t}}}]\n";

        var catalog = new CatalogReader().Add("one.yaml", sloth).Add("two.yaml", sloth.Replace("99", "95", StringComparison.Ordinal)).Build();

        Assert.Equal("two.yaml", Assert.Single(catalog.Problems).File);
        Assert.Equal(0.99, Assert.Single(catalog.Services[0].Slos).Target, 12);
    }

    [Fact]
    public void Read_ExampleCatalog_LoadsWithoutProblems()
    {
        var root = Path.Combine(RepoRoot(), "deploy", "catalog");
        var reader = new CatalogReader();
        foreach (var file in Directory.EnumerateFiles(root, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            reader.Add(Path.GetRelativePath(root, file), File.ReadAllText(file));

        var catalog = reader.Build();

        Assert.Empty(catalog.Problems);
        Assert.Equal(["checkout", "notifications", "payment", "search"], catalog.Services.Select(s => s.Name));
        Assert.Equal(["availability", "latency"], catalog.FindService("payment")!.Slos.Select(s => s.Name));
        Assert.Equal(["availability-strict", "availability-relaxed"], catalog.FindService("search")!.Slos.Select(s => s.Name));
        Assert.Equal(["U012PAYLEAD", "U034PAYSRE"], catalog.FindService("payment")!.OwnerIds);
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SloBot.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("SloBot.sln not found above " + AppContext.BaseDirectory);
    }
}
