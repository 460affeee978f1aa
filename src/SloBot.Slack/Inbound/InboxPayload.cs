using System.Buffers;
using System.Text;
using System.Text.Json;

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

    /// <summary>Written straight from the parsed payload (no copy into a JSON DOM): this runs before each ack.</summary>
    public static string Write(string? type, JsonElement payload)
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            writer.WritePropertyName("payload");
            if (payload.ValueKind == JsonValueKind.Object)
            {
                writer.WriteStartObject();
                foreach (var property in payload.EnumerateObject())
                {
                    if (!IsCredential(property))
                        property.WriteTo(writer);
                }

                writer.WriteEndObject();
            }
            else if (payload.ValueKind == JsonValueKind.Undefined)
            {
                writer.WriteNullValue();
            }
            else
            {
                payload.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Compared on the UTF-8 name, without a string per property (this runs for every envelope of a burst).</summary>
    private static bool IsCredential(JsonProperty property) =>
        property.NameEquals("response_url"u8) || property.NameEquals("response_urls"u8) || property.NameEquals("token"u8);

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
