using System.Text.Json;
using System.Text.Json.Serialization;

namespace SloBot.Chat.Documents;

/// <summary>The JSON of published documents, stored and exported alike: camelCase, enums as camelCase strings, indented; ratios 0–1, times ISO-8601 UTC.</summary>
public static class DocumentJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Text<TDocument>(TDocument document) => JsonSerializer.Serialize(document, Options);
}
