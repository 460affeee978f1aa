using System.Text.Json;
using System.Text.Json.Nodes;
using SloBot.Chat.Delivery;
using SloBot.Chat.Replies;
using SloBot.Discord.Inbound;
using SloBot.Discord.Rendering;
using SloBot.Discord.Rest;

namespace SloBot.Discord.Delivery;

/// <summary>
/// Discord's side of the persisted outbox. A recorded payload is <c>{"channel": id, "body": message with nonce and
/// enforce_nonce, "files": [{name, type, data (base64)}]}</c>. Every attempt, live or after a restart, sends the same
/// nonce with <c>enforce_nonce</c>, so Discord answers a create it already made (within its nonce window, a few
/// minutes) with that message instead of posting again; no search is needed first.
/// </summary>
internal sealed class DiscordOutboxSender(DiscordRestClient rest) : IOutboxSender
{
    public string Platform => InteractionParser.Platform;

    /// <summary>The recorded form of a message create in <paramref name="channel"/>.</summary>
    public static string Payload(string channel, DiscordMessage message, string nonce)
    {
        var body = (JsonObject)message.Payload.DeepClone();
        body["nonce"] = nonce;
        body["enforce_nonce"] = true;
        var files = new JsonArray([.. message.Files.Select(f => (JsonNode)new JsonObject
        {
            ["name"] = f.FileName,
            ["type"] = f.ContentType,
            ["data"] = Convert.ToBase64String(f.Content),
        })]);
        return new JsonObject { ["channel"] = channel, ["body"] = body, ["files"] = files }.ToJsonString();
    }

    public async Task<string> SendAsync(OutboxAttempt attempt, CancellationToken cancellationToken)
    {
        var (channel, message) = Parse(attempt.Message.Payload);
        var posted = await rest.SendAsync(DiscordRoute.CreateMessage(channel), () => message.ToContent(), cancellationToken).ConfigureAwait(false);
        return InteractionParser.Str(posted?["id"]) ?? throw new DiscordApiException("Discord returned no message id", System.Net.HttpStatusCode.OK, null);
    }

    private static (string Channel, DiscordMessage Message) Parse(string payload)
    {
        try
        {
            if (JsonNode.Parse(payload) is JsonObject o && InteractionParser.Str(o["channel"]) is { Length: > 0 } channel && o["body"] is JsonObject body)
            {
                var files = o["files"] is JsonArray list
                    ? list.OfType<JsonObject>().Select(f => new ReplyAttachment(
                        InteractionParser.Str(f["name"]) ?? "file",
                        InteractionParser.Str(f["type"]) ?? "application/octet-stream",
                        Convert.FromBase64String(InteractionParser.Str(f["data"]) ?? ""))).ToArray()
                    : [];
                return (channel, new DiscordMessage((JsonObject)body.DeepClone(), files));
            }
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            // falls through to the error below
        }

        throw new DiscordApiException("The recorded Discord message is not a message create", System.Net.HttpStatusCode.BadRequest, null);
    }
}
