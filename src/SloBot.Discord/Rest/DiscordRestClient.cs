using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SloBot.Chat.Delivery;
using SloBot.Discord.Configuration;

namespace SloBot.Discord.Rest;

/// <summary>
/// Discord's REST API on <see cref="HttpClient"/>: bot authorisation, the User-Agent Discord requires,
/// rate limits (waits before sending, honours 429 <c>retry_after</c> and retries), and errors as
/// <see cref="TransientDeliveryException"/> (worth retrying: 5xx, network) or <see cref="DiscordApiException"/>.
/// </summary>
internal sealed partial class DiscordRestClient(
    HttpClient http,
    IOptions<DiscordOptions> options,
    RateLimits limits,
    ILogger<DiscordRestClient> logger)
{
    public const string UserAgent = "DiscordBot (https://github.com/slobot/slobot, 1.0)";
    private const int Max429Retries = 5;
    private readonly string _base = options.Value.ApiBaseUrl.ToString().TrimEnd('/');
    private readonly string _token = options.Value.BotToken;

    public Task<JsonNode?> SendJsonAsync(DiscordRoute route, JsonNode? body, CancellationToken cancellationToken) =>
        SendAsync(route, body is null ? null : () => new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"), cancellationToken);

    /// <param name="content">Builds the body afresh for each attempt (a sent HttpContent cannot be sent again).</param>
    public async Task<JsonNode?> SendAsync(DiscordRoute route, Func<HttpContent>? content, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            limits.ThrowIfTooManyInvalid();
            HttpResponseMessage response;
            using (await limits.AcquireAsync(route, cancellationToken).ConfigureAwait(false))
            {
                using var request = new HttpRequestMessage(route.Method, new Uri(_base + route.Path));
                request.Headers.Authorization = new AuthenticationHeaderValue("Bot", _token);
                request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
                request.Content = content?.Invoke();
                try
                {
                    response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                }
                catch (HttpRequestException ex)
                {
                    throw new TransientDeliveryException($"{route}: {ex.Message}", inner: ex);
                }
                catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new TransientDeliveryException($"{route}: timed out", inner: ex);
                }

                limits.Update(route, response.Headers);
            }

            using (response)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                    return text.Length == 0 ? null : JsonNode.Parse(text);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    var (retryAfter, global) = ParseTooMany(response, text);
                    var shared = response.Headers.TryGetValues("X-RateLimit-Scope", out var scope) && scope.Contains("shared");
                    limits.TooManyRequests(route, retryAfter, global, shared);
                    LogRateLimited(logger, route.Key, retryAfter.TotalMilliseconds, global, attempt);
                    if (attempt > Max429Retries)
                        throw new TransientDeliveryException($"{route}: still rate limited after {attempt} attempts", retryAfter);
                    continue;
                }

                if ((int)response.StatusCode >= 500)
                    throw new TransientDeliveryException($"{route}: Discord answered {(int)response.StatusCode}");
                if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                    limits.Invalid();
                var (code, message) = ParseError(text);
                LogRefused(logger, route.Key, (int)response.StatusCode, code, message);
                throw new DiscordApiException($"{route}: Discord answered {(int)response.StatusCode} {message}", response.StatusCode, code);
            }
        }
    }

    private static (TimeSpan RetryAfter, bool Global) ParseTooMany(HttpResponseMessage response, string body)
    {
        double? seconds = null;
        var global = response.Headers.TryGetValues("X-RateLimit-Global", out var g) && g.Contains("true", StringComparer.OrdinalIgnoreCase);
        try
        {
            if (body.Length > 0 && JsonNode.Parse(body) is JsonObject o)
            {
                seconds = o["retry_after"]?.GetValue<double>();
                global |= o["global"]?.GetValue<bool>() ?? false;
            }
        }
        catch (JsonException)
        {
            // Cloudflare's HTML 429: fall back to the header
        }

        if (seconds is null && response.Headers.TryGetValues("Retry-After", out var h)
            && double.TryParse(h.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var s))
            seconds = s;
        return (TimeSpan.FromSeconds(Math.Clamp(seconds ?? 1, 0, 3600)), global);
    }

    private static (int? Code, string Message) ParseError(string body)
    {
        try
        {
            if (body.Length > 0 && JsonNode.Parse(body) is JsonObject o)
                return (o["code"]?.GetValue<int>(), o["message"]?.GetValue<string>() ?? "");
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            // not Discord's JSON error shape
        }

        return (null, body.Length > 200 ? body[..200] : body);
    }

    [LoggerMessage(EventId = 4100, Level = LogLevel.Warning, Message = "Discord rate limited {Route}: waiting {RetryAfterMs} ms (global: {Global}, attempt {Attempt})")]
    private static partial void LogRateLimited(ILogger logger, string route, double retryAfterMs, bool global, int attempt);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Discord refused {Route} with {Status} (code {Code}): {Reason}")]
    private static partial void LogRefused(ILogger logger, string route, int status, int? code, string reason);
}
