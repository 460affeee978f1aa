using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using SloBot.Chat.Delivery;
using SloBot.Chat.Events;
using SloBot.Chat.Replies;
using SloBot.Slack.Inbound;
using SloBot.Slack.Rendering;
using SloBot.Slack.WebApi;

namespace SloBot.Slack.Delivery;

/// <summary>
/// Every message SloBot sends to Slack goes through here and through the shared <see cref="Outbox"/>: one lane per
/// channel (ordered, retried on 429/5xx, never sent twice for one idempotency key), chat.postMessage paced per channel.
/// Each piece of a split reply has its own key, so a retry or a fallback never repeats a piece already delivered.
/// Posts, updates, ephemeral messages and response_url answers are recorded in the persisted outbox and survive a crash
/// (docs/reliability.md says which can be recovered when); file uploads are retried in this process only.
/// </summary>
internal sealed partial class SlackDelivery(SlackApiClient api, Outbox outbox, SlackOutboxSender webApi, SlackFiles files, ILogger<SlackDelivery> logger)
{
    /// <summary>
    /// Answers an event: in place of the clicked message when the reply replaces it (chat.update), else through its
    /// response_url when it has one (ephemeral or in channel; charts uploaded first and shown by file id), else the
    /// Web API (also for replies that share files).
    /// </summary>
    public async Task RespondAsync(ReplyTarget target, Reply reply, string key, CancellationToken cancellationToken)
    {
        if (reply.ReplaceOriginal && !reply.Ephemeral && target.MessageTs is { } ts)
        {
            await ReplaceAsync(new ConversationKey(SlackPayloads.Platform, target.Channel, target.ThreadTs), ts, reply, key, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (target.ResponseUrl is { } url && SlackFiles.OnlyShownImages(reply))
        {
            IReadOnlyDictionary<string, string>? imageIds = null;
            var uploaded = true;
            try
            {
                // Images (charts) are uploaded first and shown by file id; files to share need the Web API.
                var conversation = new ConversationKey(SlackPayloads.Platform, target.Channel, target.ThreadTs);
                imageIds = await files.UploadImagesAsync(Lane(target.Channel), conversation, reply, key, cancellationToken).ConfigureAwait(false);
            }
            catch (SlackApiException ex)
            {
                uploaded = false;
                LogResponseUrlFailed(logger, target.Channel, ex.Error); // the Web API uploads again as it shares
            }

            if (uploaded)
            {
                await RespondViaUrlAsync(url, target, reply, imageIds, key, cancellationToken).ConfigureAwait(false);
                return;
            }
        }

        var where = new ConversationKey(SlackPayloads.Platform, target.Channel, target.ThreadTs);
        if (reply.Ephemeral)
            await PostEphemeralAsync(where, target.UserId, reply, key, cancellationToken).ConfigureAwait(false);
        else
            await PostAsync(where, reply, key, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>chat.postMessage (in the thread when <see cref="ConversationKey.Thread"/> is set); returns the first message's ts.</summary>
    public async Task<PostedMessage> PostAsync(ConversationKey where, Reply reply, string key, CancellationToken cancellationToken)
    {
        var lane = Lane(where.Channel);
        var imageIds = await files.UploadImagesAsync(lane, where, reply, key, cancellationToken).ConfigureAwait(false);
        string? first = null;
        foreach (var (message, i) in BlockKitRenderer.Render(reply, imageIds).Select((m, i) => (m, i)))
        {
            var payload = message.ToPayload();
            payload["channel"] = where.Channel;
            if (where.Thread is not null)
                payload["thread_ts"] = where.Thread;
            payload["metadata"] = DeliveryMetadata.For($"{key}:{i}");
            var ts = await SendRecordedAsync(lane, $"{key}:{i}", SlackOutboxSender.PostMessage, payload, cancellationToken).ConfigureAwait(false);
            first ??= ts;
        }

        await files.ShareOtherAttachmentsAsync(lane, where, reply, key, cancellationToken).ConfigureAwait(false);
        return new PostedMessage(where, first ?? "");
    }

    /// <summary>chat.postEphemeral: seen only by <paramref name="user"/>.</summary>
    public async Task PostEphemeralAsync(ConversationKey where, string user, Reply reply, string key, CancellationToken cancellationToken)
    {
        foreach (var (message, i) in BlockKitRenderer.Render(reply).Select((m, i) => (m, i)))
        {
            var payload = message.ToPayload();
            payload["channel"] = where.Channel;
            payload["user"] = user;
            if (where.Thread is not null)
                payload["thread_ts"] = where.Thread;
            await SendRecordedAsync(Lane(where.Channel), $"{key}:{i}", SlackOutboxSender.PostEphemeral, payload, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>chat.update of a message SloBot posted: it becomes the reply's first part (a message cannot be split).</summary>
    public async Task UpdateAsync(string channel, string ts, Reply reply, string key, CancellationToken cancellationToken)
    {
        var payload = BlockKitRenderer.Render(reply)[0].ToPayload();
        payload["channel"] = channel;
        payload["ts"] = ts;
        await SendRecordedAsync(Lane(channel), key, SlackOutboxSender.Update, payload, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The message <paramref name="ts"/> becomes the reply's first part (chat.update, images uploaded first); further parts follow it.</summary>
    private async Task ReplaceAsync(ConversationKey where, string ts, Reply reply, string key, CancellationToken cancellationToken)
    {
        var lane = Lane(where.Channel);
        var imageIds = await files.UploadImagesAsync(lane, where, reply, key, cancellationToken).ConfigureAwait(false);
        var messages = BlockKitRenderer.Render(reply, imageIds);
        var first = messages[0].ToPayload();
        first["channel"] = where.Channel;
        first["ts"] = ts;
        await SendRecordedAsync(lane, $"{key}:update", SlackOutboxSender.Update, first, cancellationToken).ConfigureAwait(false);
        foreach (var (message, i) in messages.Skip(1).Select((m, i) => (m, i)))
        {
            var payload = message.ToPayload();
            payload["channel"] = where.Channel;
            if (where.Thread is not null)
                payload["thread_ts"] = where.Thread;
            payload["metadata"] = DeliveryMetadata.For($"{key}:{i + 1}");
            await SendRecordedAsync(lane, $"{key}:{i + 1}", SlackOutboxSender.PostMessage, payload, cancellationToken).ConfigureAwait(false);
        }

        await files.ShareOtherAttachmentsAsync(lane, where, reply, key, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>views.open within the 3 s of the trigger id; <paramref name="view"/> is a Block Kit modal view.</summary>
    public async Task<string> OpenViewAsync(string triggerId, JsonObject view, CancellationToken cancellationToken)
    {
        var result = await api.CallAsync("views.open", new JsonObject { ["trigger_id"] = triggerId, ["view"] = view }, cancellationToken).ConfigureAwait(false);
        return result.TryGetProperty("view", out var v) && v.TryGetProperty("id", out var id) ? id.GetString() ?? "" : "";
    }

    /// <summary>
    /// Each piece through the response_url. The outbox records, for a recovery after a crash, the Web API call that
    /// answers the same (chat.postMessage with the delivery's metadata, or chat.postEphemeral), not the URL (a
    /// credential); a URL that refuses the answer (expired, used up) is replaced by that call at once.
    /// </summary>
    private async Task RespondViaUrlAsync(Uri url, ReplyTarget target, Reply reply, IReadOnlyDictionary<string, string>? imageIds, string key, CancellationToken cancellationToken)
    {
        var urlRefused = false;
        foreach (var (message, i) in BlockKitRenderer.Render(reply, imageIds).Select((m, i) => (m, i)))
        {
            var answer = message.ToPayload();
            answer["response_type"] = reply.Ephemeral ? "ephemeral" : "in_channel";
            answer["replace_original"] = false;
            var call = message.ToPayload();
            call["channel"] = target.Channel;
            if (target.ThreadTs is not null)
                call["thread_ts"] = target.ThreadTs;
            if (reply.Ephemeral)
                call["user"] = target.UserId;
            else
                call["metadata"] = DeliveryMetadata.For($"{key}:{i}");
            var method = reply.Ephemeral ? SlackOutboxSender.PostEphemeral : SlackOutboxSender.PostMessage;
            var recorded = new OutboxMessage(SlackPayloads.Platform, Lane(target.Channel), $"{key}:{i}", SlackOutboxSender.Payload(method, call, traceless: true));
            var webApiTried = false;
            await outbox.SendAsync(recorded, async (attempt, ct) =>
            {
                if (!urlRefused)
                {
                    try
                    {
                        await api.PostToResponseUrlAsync(url, answer, ct).ConfigureAwait(false);
                        return "";
                    }
                    catch (SlackApiException ex)
                    {
                        urlRefused = true;
                        LogResponseUrlFailed(logger, target.Channel, ex.Error); // expired or used up: the Web API still works
                    }
                }

                var landed = attempt.MayHaveLanded && webApiTried;
                webApiTried = true;
                var viaWebApi = recorded with { Payload = SlackOutboxSender.Payload(method, call) };
                return await webApi.SendAsync(attempt with { Message = viaWebApi, MayHaveLanded = landed }, ct).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A chat.postMessage or chat.update through the persisted outbox: recorded before its first attempt, so a crash
    /// does not lose it (<see cref="SlackOutboxSender"/> sends it, now or after a restart); returns the message's ts.
    /// </summary>
    private Task<string> SendRecordedAsync(string lane, string key, string method, JsonObject body, CancellationToken cancellationToken) =>
        outbox.SendAsync(new OutboxMessage(SlackPayloads.Platform, lane, key, SlackOutboxSender.Payload(method, body)), cancellationToken);

    internal static string Lane(string channel) => "slack:" + channel;

    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Slack response_url refused the answer in {Channel} ({Error}); answering through the Web API")]
    private static partial void LogResponseUrlFailed(ILogger logger, string channel, string error);
}
