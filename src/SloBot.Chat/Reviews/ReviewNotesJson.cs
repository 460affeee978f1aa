using System.Text.Json;
using System.Text.Json.Serialization;

namespace SloBot.Chat.Reviews;

/// <summary>
/// A review's notes in JSON: a list of <c>{"item": "&lt;agenda item title&gt;", "note": "…"}</c> in agenda order, so
/// every field name is camelCase. Reads the object keyed by item title that reviews published before it were stored as.
/// </summary>
internal sealed class ReviewNotesJson : JsonConverter<IReadOnlyDictionary<string, string>>
{
    public override IReadOnlyDictionary<string, string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var notes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            foreach (var (item, note) in JsonSerializer.Deserialize<Dictionary<string, string>>(ref reader, options) ?? [])
                notes[item] = note;
            return notes;
        }

        foreach (var line in JsonSerializer.Deserialize<List<Line>>(ref reader, options) ?? [])
            notes[line.Item] = line.Note;
        return notes;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, string> value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value.Select(n => new Line(n.Key, n.Value)).ToArray(), options);

    private sealed record Line(string Item, string Note);
}
