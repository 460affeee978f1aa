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

    public static string Write(string id, string token, string applicationId, JsonObject interaction)
    {
        var copy = new JsonObject();
        foreach (var (name, value) in interaction)
        {
            if (name != "token")
                copy[name] = value?.DeepClone();
        }

        return new JsonObject { ["id"] = id, ["token"] = token, ["application_id"] = applicationId, ["interaction"] = copy }.ToJsonString();
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
