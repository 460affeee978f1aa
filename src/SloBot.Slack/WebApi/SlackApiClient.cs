using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SloBot.Chat.Delivery;
using SloBot.Slack.Configuration;

namespace SloBot.Slack.WebApi;

/// <summary>
/// Slack's Web API on <see cref="HttpClient"/>: JSON or form POSTs with a bearer token. <c>ok:false</c> becomes a
/// <see cref="SlackApiException"/>; 429 (honouring Retry-After), <c>ratelimited</c>, 5xx and network failures become a
/// <see cref="TransientDeliveryException"/> so the outbox retries them.
/// </summary>
internal sealed class SlackApiClient(IHttpClientFactory httpClients, IOptions<SlackOptions> options)
{
    /// <summary>The named <see cref="HttpClient"/> SloBot's Slack calls use.</summary>
    public const string HttpClientName = "slack";

    private static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(1);

    private SlackOptions Options => options.Value;

    /// <summary>Calls a write method with a JSON body and the bot token.</summary>
    public Task<JsonElement> CallAsync(string method, JsonObject body, CancellationToken cancellationToken)
    {
        var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        return SendAsync(method, content, Options.BotToken, cancellationToken);
    }

    /// <summary>Calls a method with a form body and the bot token (files.getUploadURLExternal, read methods).</summary>
    public Task<JsonElement> CallFormAsync(string method, IEnumerable<KeyValuePair<string, string>> form, CancellationToken cancellationToken) =>
        SendAsync(method, new FormUrlEncodedContent(form), Options.BotToken, cancellationToken);

    /// <summary>apps.connections.open with the app-level token: a fresh, single-use Socket Mode URL.</summary>
    public async Task<Uri> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var result = await SendAsync("apps.connections.open", new FormUrlEncodedContent([]), Options.AppToken, cancellationToken).ConfigureAwait(false);
        var url = result.TryGetProperty("url", out var u) ? u.GetString() : null;
        return Uri.TryCreate(url, UriKind.Absolute, out var uri)
            ? uri
            : throw new SlackApiException("apps.connections.open", "no_url", "the answer carried no WebSocket URL");
    }

    /// <summary>POSTs a message to a response_url (no token: the URL is the credential).</summary>
    public async Task PostToResponseUrlAsync(Uri responseUrl, JsonObject body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, responseUrl)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        using var response = await SendRawAsync("response_url", request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            if (TryParse(text) is { } json && json.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.False)
                throw new SlackApiException("response_url", ErrorOf(json));
            return;
        }

        var error = TryParse(text) is { } j ? ErrorOf(j) : string.IsNullOrWhiteSpace(text) ? ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture) : text.Trim();
        throw new SlackApiException("response_url", error.Length > 100 ? error[..100] : error);
    }

    /// <summary>Sends file bytes to the upload URL that files.getUploadURLExternal returned.</summary>
    public async Task UploadAsync(Uri uploadUrl, byte[] content, string contentType, CancellationToken cancellationToken)
    {
        var body = new ByteArrayContent(content);
        body.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, uploadUrl) { Content = body };
        using var response = await SendRawAsync("file upload", request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new SlackApiException("file upload", ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
    }

    private async Task<JsonElement> SendAsync(string method, HttpContent content, string? token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Options.ApiBase, method)) { Content = content };
        if (!string.IsNullOrEmpty(token))
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await SendRawAsync(method, request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new SlackApiException(method, $"http_{(int)response.StatusCode}");
        var json = TryParse(text) ?? throw new SlackApiException(method, "invalid_response", "the answer was not JSON");
        if (json.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.True)
            return json;
        var error = ErrorOf(json);
        if (error == "ratelimited")
            throw new TransientDeliveryException($"Slack {method} rate limited", DefaultRetryAfter);
        throw new SlackApiException(method, error, Detail(json));
    }

    /// <summary>The transport-level part shared by every call: 429/5xx/network failures are transient.</summary>
    private async Task<HttpResponseMessage> SendRawAsync(string what, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new TransientDeliveryException($"Slack {what}: {ex.Message}", null, ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TransientDeliveryException($"Slack {what} timed out", null, ex);
        }

        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            var retryAfter = RetryAfter(response) ?? DefaultRetryAfter;
            response.Dispose();
            throw new TransientDeliveryException($"Slack {what} rate limited (429)", retryAfter);
        }

        if ((int)response.StatusCode >= 500)
        {
            var status = (int)response.StatusCode;
            response.Dispose();
            throw new TransientDeliveryException($"Slack {what} answered {status}");
        }

        return response;
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        _ when response.Headers.TryGetValues("Retry-After", out var values)
            && int.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) => TimeSpan.FromSeconds(seconds),
        _ => null,
    };

    private static JsonElement? TryParse(string text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.TrimStart()[0] != '{')
            return null;
        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string ErrorOf(JsonElement json) =>
        json.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() ?? "unknown_error" : "unknown_error";

    private static string? Detail(JsonElement json)
    {
        if (!json.TryGetProperty("response_metadata", out var meta) || !meta.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array)
            return null;
        return string.Join("; ", messages.EnumerateArray().Select(m => m.GetString()).Take(3));
    }
}
