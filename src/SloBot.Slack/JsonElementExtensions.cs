using System.Text.Json;

namespace SloBot.Slack;

internal static class JsonElementExtensions
{
    /// <summary>A string property of an object, or null when it is missing or not a string.</summary>
    public static string? Text(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
