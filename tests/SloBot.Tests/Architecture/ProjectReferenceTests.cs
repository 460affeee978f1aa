using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace SloBot.Tests.Architecture;

/// <summary>
/// The rooms of docs/architecture.md, read from the project files: each source project references only the projects
/// its room may use, Core does no I/O, and transports do not name SLO types. A new project fails here until it is given a room.
/// </summary>
public partial class ProjectReferenceTests
{
    /// <summary>Project → the SloBot projects it may reference directly (docs/architecture.md, "The rooms").</summary>
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["SloBot.Core"] = [],
        ["SloBot.Chat"] = ["SloBot.Core"],
        ["SloBot.Sli"] = ["SloBot.Core"],
        ["SloBot.Storage"] = ["SloBot.Chat", "SloBot.Core"],
        ["SloBot.Transport"] = [],
        ["SloBot.Slack"] = ["SloBot.Chat", "SloBot.Transport"],
        ["SloBot.Discord"] = ["SloBot.Chat", "SloBot.Transport"],
        ["SloBot"] = ["SloBot.Core", "SloBot.Chat", "SloBot.Sli", "SloBot.Storage", "SloBot.Transport", "SloBot.Slack", "SloBot.Discord"],
    };

    /// <summary>Core takes numbers and records and returns decisions: no package that opens a file, socket or database.</summary>
    private static readonly string[] CorePackages = ["Humanizer.Core", "YamlDotNet"];

    public static TheoryData<string> SourceProjects()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(Path.Combine(Root, "src")).Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(dir));
        return data;
    }

    [Theory]
    [MemberData(nameof(SourceProjects))]
    public void SourceProject_ReferencesOnlyWhatItsRoomMayUse(string project)
    {
        Assert.True(Allowed.TryGetValue(project, out var allowed), $"src/{project} has no room in docs/architecture.md; add it there and to this test's rules.");
        var references = References(project, "ProjectReference").Select(Path.GetFileNameWithoutExtension).ToArray();

        var forbidden = references.Except(allowed).ToArray();
        Assert.True(forbidden.Length == 0, $"src/{project} references {string.Join(", ", forbidden)}, which its room may not use (allowed: {string.Join(", ", allowed.DefaultIfEmpty("nothing"))}).");
    }

    [Fact]
    public void Core_UsesNoPackageThatDoesIo()
    {
        var packages = References("SloBot.Core", "PackageReference");

        Assert.Empty(packages.Except(CorePackages));
    }

    [Theory]
    [InlineData("SloBot.Slack")]
    [InlineData("SloBot.Discord")]
    [InlineData("SloBot.Transport")]
    public void Transport_NamesNoSloType(string project)
    {
        var offenders = Directory.EnumerateFiles(Path.Combine(Root, "src", project), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => CoreNamespace().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(Root, f))
            .ToArray();

        Assert.True(offenders.Length == 0, $"Transports know no SLOs, but these use SloBot.Core: {string.Join(", ", offenders)}");
    }

    [Fact]
    public void Rules_AreCheckedAgainstRealProjectFiles()
    {
        // guards the test itself: if the csproj layout changed, the rules above would pass vacuously
        Assert.Contains("SloBot.Core", References("SloBot.Chat", "ProjectReference").Select(Path.GetFileNameWithoutExtension));
        Assert.Contains("YamlDotNet", References("SloBot.Core", "PackageReference"));
    }

    private static string[] References(string project, string kind) =>
        XDocument.Load(Path.Combine(Root, "src", project, project + ".csproj"))
            .Descendants(kind)
            .Select(e => (string?)e.Attribute("Include") ?? "")
            .Select(i => i.Replace('\\', '/'))
            .ToArray();

    private static string Root => SourceTree.Root;

    [GeneratedRegex(@"\bSloBot\.Core\b")]
    private static partial Regex CoreNamespace();
}
