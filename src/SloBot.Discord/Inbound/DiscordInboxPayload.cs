using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SloBot.Discord.Inbound;

/// <summary>
/// What the inbox keeps of a Discord interaction so another process can answer it after this one died: its id, its
/// token (the only way to edit the deferred response; Discord accepts it for 15 minutes), the application id, and the
/// interaction as it came less its token (the command, its options, channel and user, parsed again on replay). The
/// payload is emptied when the entry is done (docs/reliability.md, "The inbox"). Never logged.
/// </summary>
internal sealed record DiscordInboxPayload(string Id, string Token, string ApplicationId, JsonObject Interaction)
{
    /// <summary>How long Discord accepts an interaction token for edits and follow-ups.</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(15);

    /// <summary>A recovery answers only entries younger than this: a minute of the token's life is left for the command and its edits.</summary>
    public static readonly TimeSpan ReplayWithin = TokenLifetime - TimeSpan.FromMinutes(1);

    public static string Key(string interactionId) => "discord:int:" + interactionId;

    /// <summary>Written straight from the interaction (no copy of its JSON tree): this runs before each deferral.</summary>
    public static string Write(string id, string token, string applicationId, JsonObject interaction)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("id", id);
            writer.WriteString("token", token);
            writer.WriteString("application_id", applicationId);
            writer.WriteStartObject("interaction");
            foreach (var (name, value) in interaction)
            {
                if (name == "token")
                    continue;
                writer.WritePropertyName(name);
                if (value is null)
                    writer.WriteNullValue();
                else
                    value.WriteTo(writer);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static DiscordInboxPayload? Read(string stored)
    {
        if (string.IsNullOrEmpty(stored) || JsonNode.Parse(stored) is not JsonObject root || root["interaction"] is not JsonObject interaction)
            return null;
        root.Remove("interaction");
        return new DiscordInboxPayload(
            InteractionParser.Str(root["id"]) ?? "",
            InteractionParser.Str(root["token"]) ?? "",
            InteractionParser.Str(root["application_id"]) ?? "",
            interaction);
    }
}
