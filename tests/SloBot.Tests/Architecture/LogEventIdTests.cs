using System.Text.RegularExpressions;
using Xunit;

namespace SloBot.Tests.Architecture;

/// <summary>
/// Issue 14: every log message has its own event id, inside its project's range from docs/architecture.md ("Log event
/// ids"), so a dashboard or alert keyed on an id means one thing. Reads the <c>[LoggerMessage]</c> attributes under src/.
/// </summary>
public sealed partial class LogEventIdTests
{
    [Fact]
    public void EveryLogMessage_HasAnEventId_NoTwoShareOne()
    {
        var messages = Messages().ToArray();

        var withoutId = messages.Where(m => m.Id is null).Select(m => m.Where).ToArray();
        Assert.True(withoutId.Length == 0, "[LoggerMessage] without EventId (they would all share 0):\n" + string.Join("\n", withoutId));
        var shared = Duplicates(messages).ToArray();
        Assert.True(shared.Length == 0, "Event ids used more than once:\n" + string.Join("\n", shared));
    }

    [Fact]
    public void EveryEventId_IsInItsProjectsDocumentedRange()
    {
        var ranges = DocumentedRanges();
        var outside = Messages()
            .Where(m => !ranges.TryGetValue(m.Project, out var r) || m.Id < r.From || m.Id > r.To)
            .Select(m => $"{m.Where}: {m.Id} ({m.Project}: {(ranges.TryGetValue(m.Project, out var r) ? $"{r.From}–{r.To}" : "no range in docs/architecture.md")})")
            .ToArray();

        Assert.True(outside.Length == 0, "Event ids outside their project's range:\n" + string.Join("\n", outside));
    }

    [Fact]
    public void DocumentedRanges_NameRealProjects_WithoutOverlap()
    {
        var ranges = DocumentedRanges();
        var projects = Directory.GetDirectories(Path.Combine(SourceTree.Root, "src")).Select(Path.GetFileName).ToArray();

        Assert.True(ranges.Count >= 7, "docs/architecture.md lists the ranges as | `Project` | from–to | …");
        Assert.All(ranges.Keys, p => Assert.Contains(p, projects));
        var sorted = ranges.OrderBy(r => r.Value.From).ToArray();
        Assert.All(sorted.Zip(sorted.Skip(1)), pair => Assert.True(pair.First.Value.To < pair.Second.Value.From, $"{pair.First.Key} overlaps {pair.Second.Key}"));
    }

    [Fact]
    public void Reader_FindsMultiLineAttributes_AndDuplicates()
    {
        // guards the test itself: a reader that found nothing would let every duplicate through
        const string Text = """
            [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "Slack rejected a post")]
            private static partial void A(ILogger logger);
            [LoggerMessage(
                EventId = 300,
                Level = LogLevel.Error,
                Message = "Migration {Id} failed")]
            private static partial void B(ILogger logger);
            [LoggerMessage(Level = LogLevel.Debug, Message = "no id")]
            private static partial void C(ILogger logger);
            """;

        var found = Read("SloBot.Demo", "src/SloBot.Demo/Log.cs", Text).ToArray();

        Assert.Equal([300, 300, null], found.Select(m => m.Id));
        Assert.Equal(["src/SloBot.Demo/Log.cs:1", "src/SloBot.Demo/Log.cs:3", "src/SloBot.Demo/Log.cs:8"], found.Select(m => m.Where));
        Assert.Single(Duplicates(found));
        Assert.True(Messages().Count() > 50);
    }

    private sealed record LogMessage(string Project, string Where, int? Id);

    private static IEnumerable<LogMessage> Messages() =>
        SourceTree.SourceFiles().SelectMany(f => Read(f.Path.Split('/')[1], f.Path, f.Text));

    private static IEnumerable<LogMessage> Read(string project, string path, string text) =>
        Attribute().Matches(text).Select(m => new LogMessage(
            project,
            $"{path}:{text[..m.Index].Count(c => c == '\n') + 1}",
            Id().Match(m.Groups["args"].Value) is { Success: true } id ? int.Parse(id.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null));

    private static IEnumerable<string> Duplicates(IEnumerable<LogMessage> messages) =>
        messages.Where(m => m.Id is not null).GroupBy(m => m.Id).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Where))}");

    /// <summary>The rows "| `SloBot.Slack` | 3000–3999 | …" of docs/architecture.md's "Log event ids".</summary>
    private static Dictionary<string, (int From, int To)> DocumentedRanges() =>
        RangeRow().Matches(File.ReadAllText(Path.Combine(SourceTree.Root, "docs", "architecture.md")))
            .ToDictionary(
                m => m.Groups["project"].Value,
                m => (int.Parse(m.Groups["from"].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(m.Groups["to"].Value, System.Globalization.CultureInfo.InvariantCulture)));

    [GeneratedRegex(@"\[LoggerMessage\((?<args>.*?)\)\]", RegexOptions.Singleline)]
    private static partial Regex Attribute();

    [GeneratedRegex(@"\bEventId\s*=\s*(\d+)")]
    private static partial Regex Id();

    [GeneratedRegex(@"^\| `(?<project>SloBot[\w.]*)` \| (?<from>\d+)–(?<to>\d+) \|", RegexOptions.Multiline)]
    private static partial Regex RangeRow();
}
