using System.Text.Json;
using System.Text.Json.Nodes;

namespace SloBot.Slack.Delivery;

/// <summary>
/// The message metadata SloBot puts on every chat.postMessage: event type <c>slobot_delivery</c> with the delivery's
/// key (the intent's key and the piece's index), so a message can be recognised as the delivery of that intent.
/// </summary>
internal static class DeliveryMetadata
{
    public const string EventType = "slobot_delivery";

    public static JsonObject For(string key) => new()
    {
        ["event_type"] = EventType,
        ["event_payload"] = new JsonObject { ["key"] = key },
    };

    /// <summary>The delivery key of a message as Slack returns it (conversations.history with include_all_metadata), or null.</summary>
    public static string? KeyOf(JsonElement message) =>
        message.ValueKind == JsonValueKind.Object && message.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object
        && m.TryGetProperty("event_type", out var type) && type.ValueEquals(EventType)
        && m.TryGetProperty("event_payload", out var payload) && payload.ValueKind == JsonValueKind.Object
        && payload.TryGetProperty("key", out var key) && key.ValueKind == JsonValueKind.String
            ? key.GetString()
            : null;
}
