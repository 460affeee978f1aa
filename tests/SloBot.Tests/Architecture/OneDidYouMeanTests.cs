using System.Text.RegularExpressions;
using Xunit;

namespace SloBot.Tests.Architecture;

/// <summary>
/// Issue 14: one did-you-mean phrase, written by <c>DidYouMean</c> only (<c>Hint</c>, <c>HintOr</c>, <c>Phrase</c>,
/// <c>Question</c>). A source file that spells "did you mean" itself brings back a second format.
/// </summary>
public sealed partial class OneDidYouMeanTests
{
    private const string Formatter = "src/SloBot.Core/Text/DidYouMean.cs";

    [Fact]
    public void NoSourceFileOutsideDidYouMean_WritesItsOwnDidYouMean()
    {
        var offenders = SourceTree.SourceFiles()
            .Where(f => f.Path != Formatter)
            .SelectMany(f => f.Text.Split('\n').Select((line, i) => (f.Path, Line: i + 1, Text: line.Trim())))
            .Where(l => WritesDidYouMean(l.Text))
            .Select(l => $"{l.Path}:{l.Line}: {l.Text}")
            .ToArray();

        Assert.True(offenders.Length == 0, "Use DidYouMean.Hint/HintOr/Phrase/Question instead of:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void Formatter_IsWhereTheTestLooks()
    {
        // guards the test itself: a moved formatter would make every file an offender, a renamed phrase none
        Assert.Contains(SourceTree.SourceFiles(), f => f.Path == Formatter && WritesDidYouMean(f.Text));
        Assert.True(SourceTree.SourceFiles().Count() > 100);
    }

    [Theory]
    [InlineData("var hint = DidYouMean.Suggest(w, names) is { } m ? $\" — did you mean '{m}'?\" : \"\";", true)]
    [InlineData("? $\" Did you mean `{m}`?\" : \"\";", true)]
    [InlineData("problems.Add($\"did  you\\nmean\");", false)]
    [InlineData("var hint = DidYouMean.HintOr(\".\", w, names);", false)]
    [InlineData("/// <summary>with a did-you-mean</summary>", false)]
    public void WritesDidYouMean_FindsTheOwnPhrase(string line, bool expected) => Assert.Equal(expected, WritesDidYouMean(line));

    private static bool WritesDidYouMean(string text) => OwnPhrase().IsMatch(text);

    [GeneratedRegex(@"did you mean", RegexOptions.IgnoreCase)]
    private static partial Regex OwnPhrase();
}
