using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using SloBot.Chat.Delivery;
using SloBot.Slack.Inbound;
using SloBot.Slack.WebApi;

namespace SloBot.Slack.Delivery;

/// <summary>
/// Slack's side of the persisted outbox. A recorded payload is <c>{"method": "chat.postMessage" | "chat.update", "body": …}</c>,
/// the Web API call exactly as it will be sent. Before a chat.postMessage whose earlier attempt may have reached Slack
/// (a timeout, a 5xx, a process that died mid-call), it looks for a message carrying the same <c>slobot_delivery</c>
/// key in the channel (conversations.history) or thread (conversations.replies) since shortly before the delivery was
/// recorded, and posts only when there is none. chat.update is idempotent and simply sent again. chat.postEphemeral, and
/// answers the live process sent through a response_url (recorded as the Web API call that replaces them), leave nothing
/// to search for: a recovery sends them only when no attempt was made, and otherwise records them as failed.
/// </summary>
internal sealed partial class SlackOutboxSender(SlackApiClient api, ChannelPacer pacer, ILogger<SlackOutboxSender> logger) : IOutboxSender
{
    public const string PostMessage = "chat.postMessage";
    public const string PostEphemeral = "chat.postEphemeral";
    public const string Update = "chat.update";

    /// <summary>How far before the recording the search starts (clocks of SloBot and Slack differ a little).</summary>
    public static readonly TimeSpan SearchMargin = TimeSpan.FromMinutes(5);

    /// <summary>Pages of 200 messages searched at most; a channel busier than that since the recording is not searched further.</summary>
    public const int MaxPages = 10;

    public string Platform => SlackPayloads.Platform;

    /// <summary>
    /// The recorded form of a Web API call. <paramref name="traceless"/>: the live process answers another way that
    /// leaves nothing to search for (response_url), so a recovery sends this call only if no attempt was made.
    /// </summary>
    public static string Payload(string method, JsonObject body, bool traceless = false)
    {
        var payload = new JsonObject { ["method"] = method, ["body"] = body.DeepClone() };
        if (traceless)
            payload["traceless"] = true;
        return payload.ToJsonString();
    }

    public async Task<string> SendAsync(OutboxAttempt attempt, CancellationToken cancellationToken)
    {
        var (method, body, traceless) = Parse(attempt.Message.Payload);
        var channel = body["channel"] is JsonValue c && c.TryGetValue<string>(out var ch) ? ch : throw Invalid("no channel");
        if (attempt.MayHaveLanded && (traceless || method == PostEphemeral))
        {
            // An ephemeral message or a response_url answer cannot be found again: sending it now could show it twice.
            throw new SlackApiException("outbox", "unknown_outcome", "an earlier attempt may have been shown and Slack keeps nothing to check it by");
        }

        if (method == Update)
        {
            await api.CallAsync(Update, body, cancellationToken).ConfigureAwait(false);
            return body["ts"] is JsonValue t && t.TryGetValue<string>(out var ts) ? ts : "";
        }

        if (method == PostEphemeral)
        {
            var result = await api.CallAsync(PostEphemeral, body, cancellationToken).ConfigureAwait(false);
            return result.Text("message_ts") ?? "";
        }

        var thread = body["thread_ts"] is JsonValue th && th.TryGetValue<string>(out var threadTs) ? threadTs : null;
        if (attempt.MayHaveLanded)
        {
            var found = await FindPostedAsync(channel, thread, attempt.Message.Key, attempt.RecordedAt - SearchMargin, cancellationToken).ConfigureAwait(false);
            LogSearched(logger, attempt.Message.Key, channel, found is not null);
            if (found is not null)
                return found;
        }

        await pacer.WaitTurnAsync(channel, cancellationToken).ConfigureAwait(false);
        try
        {
            var result = await api.CallAsync(PostMessage, body, cancellationToken).ConfigureAwait(false);
            return result.Text("ts") ?? "";
        }
        finally
        {
            pacer.Sent(channel);
        }
    }

    /// <summary>The ts of a message in the channel (or thread) whose metadata carries <paramref name="key"/>, or null.</summary>
    private async Task<string?> FindPostedAsync(string channel, string? thread, string key, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var oldest = since.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + ".000000";
        string? cursor = null;
        for (var page = 0; page < MaxPages; page++)
        {
            List<KeyValuePair<string, string>> form =
            [
                new("channel", channel),
                new("include_all_metadata", "true"),
                new("limit", "200"),
                new("oldest", oldest),
            ];
            if (thread is not null)
                form.Add(new("ts", thread));
            if (cursor is not null)
                form.Add(new("cursor", cursor));
            var result = await api.CallFormAsync(thread is null ? "conversations.history" : "conversations.replies", form, cancellationToken).ConfigureAwait(false);
            if (result.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array)
            {
                foreach (var message in messages.EnumerateArray())
                {
                    if (DeliveryMetadata.KeyOf(message) == key && message.Text("ts") is { } ts)
                        return ts;
                }
            }

            cursor = result.TryGetProperty("response_metadata", out var meta) ? meta.Text("next_cursor") : null;
            if (string.IsNullOrEmpty(cursor))
                return null;
        }

        return null;
    }

    private static (string Method, JsonObject Body, bool Traceless) Parse(string payload)
    {
        try
        {
            if (JsonNode.Parse(payload) is JsonObject o && o["method"] is JsonValue m && m.TryGetValue<string>(out var method)
                && method is PostMessage or PostEphemeral or Update && o["body"] is JsonObject body)
                return (method, (JsonObject)body.DeepClone(), o["traceless"] is JsonValue t && t.TryGetValue<bool>(out var traceless) && traceless);
        }
        catch (JsonException)
        {
            // falls through to the error below
        }

        throw Invalid("not a recorded Web API call");
    }

    private static SlackApiException Invalid(string why) => new("outbox", "invalid_payload", why);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Slack delivery {Key} may have been posted before; searched {Channel} for it: found {Found}")]
    private static partial void LogSearched(ILogger logger, string key, string channel, bool found);
}
