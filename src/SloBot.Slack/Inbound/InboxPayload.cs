using System.Text.Json;
using System.Text.Json.Nodes;

namespace SloBot.Slack.Inbound;

/// <summary>
/// What the inbox keeps of a Slack event so another process can run it after this one died: the envelope type and
/// Slack's payload as it came (the same in Socket Mode and HTTP mode), less its credentials — <c>response_url</c> and
/// <c>response_urls</c> (anyone holding one can answer in the channel for 30 minutes) and the legacy verification
/// <c>token</c>. A recovered event therefore answers through the Web API with the bot token (docs/reliability.md).
/// </summary>
internal static class InboxPayload
{
    private static readonly string[] Credentials = ["response_url", "response_urls", "token"];

    public static string Write(string? type, JsonElement payload)
    {
        var node = payload.ValueKind == JsonValueKind.Undefined ? null : JsonNode.Parse(payload.GetRawText());
        if (node is JsonObject fields)
        {
            foreach (var name in Credentials)
                fields.Remove(name);
        }

        return new JsonObject { ["type"] = type, ["payload"] = node }.ToJsonString();
    }

    /// <summary>A slash command over HTTP: its form fields, stored as Socket Mode sends them (a JSON object).</summary>
    public static string Write(IReadOnlyDictionary<string, string> fields) =>
        Write("slash_commands", JsonSerializer.SerializeToElement(fields.Where(f => !Credentials.Contains(f.Key)).ToDictionary()));

    public static (string? Type, JsonElement Payload) Read(string stored)
    {
        using var doc = JsonDocument.Parse(stored);
        var root = doc.RootElement;
        var type = root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        return (type, root.TryGetProperty("payload", out var p) ? p.Clone() : default);
    }
}
