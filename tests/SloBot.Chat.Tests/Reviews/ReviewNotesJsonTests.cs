using System.Text.Json;
using SloBot.Chat.Documents;
using SloBot.Chat.Reviews;
using Xunit;

namespace SloBot.Chat.Tests.Reviews;

/// <summary>Issue 12 item 13: a review's notes are a list of camelCase objects; reviews stored as an object keyed by title still read.</summary>
public sealed class ReviewNotesJsonTests
{
    private static readonly DateTimeOffset Week = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static WeeklyReviewDocument Review(IReadOnlyDictionary<string, string> notes) => new(
        "review-1a2b3c", "Weekly SLO Review - 2026-11-23", Week.AddDays(-7), Week, [], [], [], [], [], [], [], [], [], notes, "U1", Week);

    [Fact]
    public void Notes_AreWrittenAsItemNoteObjectsInAgendaOrder()
    {
        var json = DocumentJson.Text(Review(new Dictionary<string, string> { ["SLO Status Overview"] = "payment needs attention", ["SLO Adjustments"] = "keep" }));

        using var doc = JsonDocument.Parse(json);
        var notes = doc.RootElement.GetProperty("notes").EnumerateArray().ToArray();
        Assert.Equal(2, notes.Length);
        Assert.Equal("SLO Status Overview", notes[0].GetProperty("item").GetString());
        Assert.Equal("payment needs attention", notes[0].GetProperty("note").GetString());
        Assert.Equal("SLO Adjustments", notes[1].GetProperty("item").GetString());
        Assert.Equal(new[] { "item", "note" }, notes[0].EnumerateObject().Select(p => p.Name));
    }

    [Theory]
    [InlineData("""[{"item":"SLO Status Overview","note":"payment needs attention"}]""")]
    [InlineData("""{"SLO Status Overview":"payment needs attention"}""")] // the shape stored before
    public void Notes_ReadBothShapes(string notes)
    {
        var json = DocumentJson.Text(Review(new Dictionary<string, string>())).Replace("\"notes\": []", $"\"notes\": {notes}", StringComparison.Ordinal);

        var review = JsonSerializer.Deserialize<WeeklyReviewDocument>(json, DocumentJson.Options)!;

        Assert.Equal("payment needs attention", review.Notes["SLO Status Overview"]);
    }
}
