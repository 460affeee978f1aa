using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using SloBot.Chat.Delivery;
using SloBot.Chat.Events;
using SloBot.Chat.Replies;
using SloBot.Slack.WebApi;

namespace SloBot.Slack.Delivery;

/// <summary>
/// Reply attachments through files.getUploadURLExternal, the upload URL, and files.completeUploadExternal. Images that
/// an <see cref="ImageBlock"/> shows are uploaded first, unshared, and shown by file id in an image block; the other
/// attachments are shared into the conversation after the message. An image already uploaded in the last
/// <see cref="Reuse"/> (the same bytes: a chart many people asked for in the same minute) is shown by its file id
/// again instead of being uploaded again.
/// </summary>
internal sealed class SlackFiles(SlackApiClient api, Outbox outbox, TimeProvider time)
{
    public static readonly TimeSpan Reuse = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<string, (Lazy<Task<string>> Upload, DateTimeOffset At)> _uploaded = new(StringComparer.Ordinal);

    /// <summary>True when every attachment is an image the reply shows (nothing to share as a file).</summary>
    public static bool OnlyShownImages(Reply reply)
    {
        var shown = reply.Blocks.OfType<ImageBlock>().Select(i => i.AttachmentName).ToHashSet(StringComparer.Ordinal);
        return reply.Attachments.All(a => shown.Contains(a.FileName));
    }

    public async Task<IReadOnlyDictionary<string, string>?> UploadImagesAsync(string lane, ConversationKey where, Reply reply, string key, CancellationToken cancellationToken)
    {
        var shown = reply.Blocks.OfType<ImageBlock>().Select(i => i.AttachmentName).ToHashSet(StringComparer.Ordinal);
        var images = reply.Attachments.Where(a => shown.Contains(a.FileName)).ToArray();
        if (images.Length == 0)
            return null;
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var image in images)
        {
            var alt = reply.Blocks.OfType<ImageBlock>().First(i => i.AttachmentName == image.FileName).AltText;
            ids[image.FileName] = await UploadOnceAsync(image, () => outbox.SendAsync(lane, $"{key}:file:{image.FileName}",
                ct => UploadAsync(image, alt, share: null, ct), CancellationToken.None)).WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        return ids;
    }

    public async Task ShareOtherAttachmentsAsync(string lane, ConversationKey where, Reply reply, string key, CancellationToken cancellationToken)
    {
        var shown = reply.Blocks.OfType<ImageBlock>().Select(i => i.AttachmentName).ToHashSet(StringComparer.Ordinal);
        foreach (var file in reply.Attachments.Where(a => !shown.Contains(a.FileName)))
        {
            await outbox.SendAsync(lane, $"{key}:file:{file.FileName}",
                ct => UploadAsync(file, null, where, ct), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One upload per image content and <see cref="Reuse"/> period, shared by everyone showing it; a failed upload is not kept.</summary>
    private Task<string> UploadOnceAsync(ReplyAttachment image, Func<Task<string>> upload)
    {
        var now = time.GetUtcNow();
        foreach (var (hash, entry) in _uploaded)
        {
            if (now - entry.At >= Reuse || entry.Upload.Value.IsFaulted || entry.Upload.Value.IsCanceled)
                _uploaded.TryRemove(hash, out _);
        }

        var key = Convert.ToHexString(SHA256.HashData(image.Content)) + "|" + image.FileName;
        return _uploaded.GetOrAdd(key, _ => (new Lazy<Task<string>>(upload), now)).Upload.Value;
    }

    private async Task<string> UploadAsync(ReplyAttachment file, string? altText, ConversationKey? share, CancellationToken cancellationToken)
    {
        List<KeyValuePair<string, string>> form =
        [
            new("filename", file.FileName),
            new("length", file.Content.Length.ToString(CultureInfo.InvariantCulture)),
        ];
        if (altText is not null)
            form.Add(new("alt_txt", altText));
        var ticket = await api.CallFormAsync("files.getUploadURLExternal", form, cancellationToken).ConfigureAwait(false);
        var uploadUrl = ticket.Text("upload_url");
        var fileId = ticket.Text("file_id");
        if (uploadUrl is null || fileId is null || !Uri.TryCreate(uploadUrl, UriKind.Absolute, out var uri))
            throw new SlackApiException("files.getUploadURLExternal", "invalid_response", "no upload_url or file_id");
        await api.UploadAsync(uri, file.Content, file.ContentType, cancellationToken).ConfigureAwait(false);

        var complete = new JsonObject
        {
            ["files"] = new JsonArray(new JsonObject { ["id"] = fileId, ["title"] = file.FileName }),
        };
        if (share is { } where)
        {
            complete["channel_id"] = where.Channel;
            if (where.Thread is not null)
                complete["thread_ts"] = where.Thread;
        }

        await api.CallAsync("files.completeUploadExternal", complete, cancellationToken).ConfigureAwait(false);
        return fileId;
    }
}
