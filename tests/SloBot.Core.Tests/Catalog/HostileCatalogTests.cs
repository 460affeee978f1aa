using System.Text;
using SloBot.Core.Catalog;
using Xunit;

namespace SloBot.Core.Tests.Catalog;

/// <summary>Issue 13 items 1, 2 and 10: a hostile or careless file fails alone, named, with its line; nothing throws.</summary>
public class HostileCatalogTests
{
    private const string Good = "version: prometheus/v1\nservice: ok\nslos: [{name: x, objective: 99, sli: {events: {error_query: e, total_query: t}}}]\n";

    [Theory]
    [InlineData("a: [b\nc: d\n", 1)]
    [InlineData("a: [b\n", 1)]
    [InlineData("a: {b: [c\nd: e\n", 1)]
    [InlineData("key: \"unclosed\nother: 1\n", 1)]
    [InlineData("- a\nb: c\n", 2)]
    [InlineData("a: &x 1\nb: *y\n", 2)]
    [InlineData("a:\n\tb: 1\n", 2)]
    public void Add_YamlTypo_FailsThatFileAloneWithItsNameAndLine(string text, int line)
    {
        var catalog = new CatalogReader().Add("team/broken.yaml", text).Add("good.yaml", Good).Build();

        var problem = Assert.Single(catalog.Problems);
        Assert.Equal("team/broken.yaml", problem.File);
        Assert.InRange(problem.Line ?? 0, 1, line + 1);
        Assert.Equal("ok", Assert.Single(catalog.Services).Name);
    }

    [Fact]
    public void Add_ThirtyThousandLevelsDeep_IsAProblemForThatFileNotAStackOverflow()
    {
        var deep = new string('[', 30_000) + new string(']', 30_000);
        var nested = new StringBuilder();
        for (var i = 0; i < 30_000; i++)
            nested.Append(' ', Math.Min(i, 50)).Append("- ").Append('\n');

        var catalog = new CatalogReader().Add("deep.yaml", "a: " + deep + "\n").Add("block.yaml", "a:\n" + string.Concat(Enumerable.Repeat("{b: ", 30_000)))
            .Add("good.yaml", Good).Build();

        Assert.Equal(["block.yaml", "deep.yaml"], catalog.Problems.Select(p => p.File).Order(StringComparer.Ordinal));
        Assert.Contains($"more than {CatalogLimits.MaxDepth} levels", catalog.Problems.Single(p => p.File == "deep.yaml").Message, StringComparison.Ordinal);
        Assert.Equal("ok", Assert.Single(catalog.Services).Name);
    }

    [Fact]
    public void Add_FileOverTheSizeLimit_IsAProblemNamingTheLimit()
    {
        var big = new byte[CatalogLimits.MaxFileBytes + 1];
        big.AsSpan().Fill((byte)'#');

        var catalog = new CatalogReader().Add("big.yaml", big).Build();

        var problem = Assert.Single(catalog.Problems);
        Assert.Equal("(file)", problem.Field);
        Assert.Contains("1,048,576 bytes", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_NonUtf8Bytes_IsAProblemNamingFileLineAndByte()
    {
        var bytes = Encoding.UTF8.GetBytes("version: prometheus/v1\nservice: caf").Concat(new byte[] { 0xE9 }).Concat(Encoding.UTF8.GetBytes("\nslos: []\n")).ToArray();

        var catalog = new CatalogReader().Add("latin1.yaml", bytes).Build();

        var problem = Assert.Single(catalog.Problems);
        Assert.Equal(("latin1.yaml", 2, "(file)"), (problem.File, problem.Line, problem.Field));
        Assert.Contains("0xE9", problem.Message, StringComparison.Ordinal);
        Assert.Contains("UTF-8", problem.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_Utf8WithBom_Loads()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(Good)).ToArray();

        var catalog = new CatalogReader().Add("bom.yaml", bytes).Build();

        Assert.Empty(catalog.Problems);
        Assert.Equal("ok", Assert.Single(catalog.Services).Name);
    }

    [Fact]
    public void Add_TargetPercentConflictingWithTarget_RefusesTheObjectiveNamingTheField()
    {
        var text = OpenSloCatalogTests.ReplaceFirst(OpenSloCatalogTests.InlineSlo, "target: 0.999", "target: 0.999\n      targetPercent: 150");

        var catalog = CatalogReader.Read("conflict.yaml", text);

        var problem = Assert.Single(catalog.Problems);
        Assert.Equal("spec.objectives[0].targetPercent", problem.Field);
        Assert.Contains("disagrees with target 0.999", problem.Message, StringComparison.Ordinal);
        Assert.Equal(CatalogSeverity.Error, problem.Severity);
        Assert.Empty(catalog.Services.SelectMany(s => s.Slos));
    }

    [Fact]
    public void Add_UnknownFields_AreNamedAsWarningsWithASuggestionOrAsNotes()
    {
        var text = OpenSloCatalogTests.ReplaceFirst(OpenSloCatalogTests.InlineSlo, "target: 0.999", "target: 0.999\n      targetPercnt: 99.9\n      team-notes: hello");

        var catalog = CatalogReader.Read("unknown.yaml", text);

        var warning = Assert.Single(catalog.Problems);
        Assert.Equal(("spec.objectives[0].targetPercnt", CatalogSeverity.Warning), (warning.Field, warning.Severity));
        Assert.Equal("did you mean `targetPercent`?", warning.Hint);
        Assert.Contains(catalog.Notes, n => n.Field == "spec.objectives[0].team-notes");
        Assert.Single(catalog.Services.SelectMany(s => s.Slos));
    }

    [Theory]
    [InlineData("\0")]
    [InlineData("---\n---\n...\n")]
    [InlineData("- - - -\n")]
    [InlineData("[1, 2]\n")]
    [InlineData("? [a]\n: b\n")]
    [InlineData("apiVersion: openslo/v1\nkind: SLO\nmetadata: {name: [x]}\nspec: []\n")]
    [InlineData("apiVersion: openslo/v1\nkind: SLO\nmetadata: {name: x}\nspec: {service: s, indicator: {spec: {ratioMetric: {raw: 1, rawType: [x]}}}, objectives: [1, {target: nan}]}\n")]
    [InlineData("version: prometheus/v1\nservice: s\nslos: [{name: x, objective: .inf, sli: {events: []}}, 7, {name: y, objective: 1e400}]\n")]
    public void Add_OddButParseableInput_NeverThrows(string text)
    {
        var catalog = new CatalogReader().Add("odd.yaml", text).Build();

        Assert.All(catalog.Problems.Concat(catalog.Notes), p => Assert.Equal("odd.yaml", p.File));
    }
}
