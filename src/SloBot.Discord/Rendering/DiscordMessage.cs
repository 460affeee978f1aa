using System.Diagnostics.CodeAnalysis;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using SloBot.Chat.Replies;

namespace SloBot.Discord.Rendering;

/// <summary>One message body for Discord (create, edit or follow-up) and the files it uploads.</summary>
internal sealed record DiscordMessage(JsonObject Payload, IReadOnlyList<ReplyAttachment> Files)
{
    /// <summary>JSON when there are no files, otherwise multipart with <c>payload_json</c> and <c>files[n]</c>.</summary>
    /// <param name="amend">Adds per-request fields (flags, nonce) to a copy of the payload.</param>
    [SuppressMessage("Reliability", "CA2000:Dispose objects before losing scope", Justification = "Each part is owned by the multipart content, which the caller disposes with the request.")]
    public HttpContent ToContent(Action<JsonObject>? amend = null)
    {
        var payload = (JsonObject)Payload.DeepClone();
        amend?.Invoke(payload);
        if (Files.Count == 0)
            return new StringContent(payload.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        var multipart = new MultipartFormDataContent();
        multipart.Add(new StringContent(payload.ToJsonString(), System.Text.Encoding.UTF8, "application/json"), "payload_json");
        for (var i = 0; i < Files.Count; i++)
        {
            var file = new ByteArrayContent(Files[i].Content);
            file.Headers.ContentType = new MediaTypeHeaderValue(Files[i].ContentType);
            multipart.Add(file, $"files[{i}]", Files[i].FileName);
        }

        return multipart;
    }
}
