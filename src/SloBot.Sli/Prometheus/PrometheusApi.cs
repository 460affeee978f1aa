using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Humanizer;
using Microsoft.Extensions.Logging;
using SloBot.Core.Sli;

namespace SloBot.Sli.Prometheus;

/// <summary>One instant-query sample: its labels and value.</summary>
internal sealed record PromSample(IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>One range-query series: its labels and (time, value) points.</summary>
internal sealed record PromSeries(IReadOnlyDictionary<string, string> Labels, IReadOnlyList<(DateTimeOffset At, double Value)> Points);

/// <summary>
/// The two endpoints of the Prometheus HTTP API SloBot uses, POSTed as forms (long batched queries do not fit a URL).
/// Every failure becomes a <see cref="SliSourceException"/> saying what went wrong in words.
/// </summary>
internal sealed class PrometheusApi(HttpClient http, PrometheusOptions options, TimeProvider time, ILogger logger)
{
    private readonly Uri _base = options.BaseUri;
    private readonly string _shownUrl = PrometheusOptionsValidator.Redact(options.Url!);
    private readonly TimeSpan _timeout = options.TimeoutSpan;
    private readonly long _maxResponseBytes = options.MaxResponseBytes;

    public async Task<IReadOnlyList<PromSample>> QueryAsync(string query, DateTimeOffset at, CancellationToken cancellationToken)
    {
        using var doc = await PostAsync("api/v1/query", query, [("time", Seconds(at))], cancellationToken).ConfigureAwait(false);
        return Read("api/v1/query", doc, PrometheusResponse.ReadInstant);
    }

    public async Task<IReadOnlyList<PromSeries>> QueryRangeAsync(string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken)
    {
        (string, string)[] form = [("start", Seconds(start)), ("end", Seconds(end)), ("step", step.TotalSeconds.ToString(CultureInfo.InvariantCulture))];
        using var doc = await PostAsync("api/v1/query_range", query, form, cancellationToken).ConfigureAwait(false);
        return Read("api/v1/query_range", doc, PrometheusResponse.ReadRange);
    }

    /// <summary>
    /// The values of <paramref name="label"/> on the series <paramref name="match"/> selects between the two instants
    /// (<c>/api/v1/label/&lt;label&gt;/values</c> with <c>match[]</c>), e.g. a classic histogram's <c>le</c> boundaries.
    /// </summary>
    public async Task<IReadOnlyList<string>> LabelValuesAsync(string label, string match, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var endpoint = $"api/v1/label/{Uri.EscapeDataString(label)}/values";
        var uri = new Uri(_base, $"{endpoint}?match[]={Uri.EscapeDataString(match)}&start={Seconds(start)}&end={Seconds(end)}");
        using var doc = await SendAsync(endpoint, match, () => new HttpRequestMessage(HttpMethod.Get, uri), cancellationToken).ConfigureAwait(false);
        var data = doc.RootElement.TryGetProperty("data", out var d) ? d : default;
        if (data.ValueKind != JsonValueKind.Array || data.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
            throw Fail($"Prometheus at {_shownUrl} answered {endpoint} with JSON that is not the shape of the Prometheus API: data is not a list of strings.");
        return data.EnumerateArray().Select(v => v.GetString()!).ToArray();
    }

    private T Read<T>(string endpoint, JsonDocument doc, Func<JsonElement, T> reader)
    {
        try
        {
            return reader(doc.RootElement);
        }
        catch (PrometheusShapeException e)
        {
            throw Fail($"Prometheus at {_shownUrl} answered {endpoint} with JSON that is not the shape of the Prometheus API: {e.Message}.");
        }
    }

    private Task<JsonDocument> PostAsync(string endpoint, string query, (string Key, string Value)[] parameters, CancellationToken cancellationToken)
    {
        var fields = new List<KeyValuePair<string, string>>(parameters.Length + 2)
        {
            new("query", query),
            new("timeout", $"{(long)Math.Ceiling(_timeout.TotalMilliseconds)}ms"),
        };
        fields.AddRange(parameters.Select(p => new KeyValuePair<string, string>(p.Key, p.Value)));
        return SendAsync(endpoint, query, () => new HttpRequestMessage(HttpMethod.Post, new Uri(_base, endpoint)) { Content = new FormUrlEncodedContent(fields) }, cancellationToken);
    }

    private async Task<JsonDocument> SendAsync(string endpoint, string query, Func<HttpRequestMessage> build, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        using var request = build();
        if (_base.UserInfo.Length > 0)
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(_base.UserInfo))));

        using var timeout = new CancellationTokenSource(_timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            if (response.Content.Headers.ContentLength > _maxResponseBytes)
                throw Fail(TooLarge(response.Content.Headers.ContentLength.Value));
            var stream = new CappedStream(await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false), _maxResponseBytes);
            await using (stream.ConfigureAwait(false))
            {
                JsonDocument doc;
                try
                {
                    doc = await JsonDocument.ParseAsync(stream, cancellationToken: linked.Token).ConfigureAwait(false);
                }
                catch (CappedStream.TooLongException)
                {
                    throw Fail(TooLarge(null));
                }
                catch (JsonException)
                {
                    throw Fail($"Prometheus at {_shownUrl} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase} with a body that is not the Prometheus API's JSON; is {endpoint} a Prometheus?");
                }

                var root = doc.RootElement;
                if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.String && status.ValueEquals("success") && response.IsSuccessStatusCode)
                {
                    Log.QueryAnswered(logger, endpoint, PrometheusResponse.ResultCount(root), (long)time.GetElapsedTime(started).TotalMilliseconds, query.Length);
                    return doc;
                }

                using (doc)
                {
                    var errorType = ErrorField(root, "errorType");
                    var error = ErrorField(root, "error");
                    var failure = Fail(error is null
                        ? $"Prometheus at {_shownUrl} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}{(response.IsSuccessStatusCode ? " with JSON that has neither \"status\": \"success\" nor an \"error\"; is it a Prometheus?" : ".")}"
                        : $"Prometheus at {_shownUrl} rejected the query (HTTP {(int)response.StatusCode}, {errorType}): {error}");
                    // 400 bad_data (a parse error) and 422 execution (e.g. many-to-many matching) are the query's fault.
                    throw error is not null && (int)response.StatusCode is 400 or 422 ? new SliSourceException(failure.Message) { QueryRejected = true } : failure;
                }
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw Fail($"Prometheus at {_shownUrl} did not answer within {_timeout.TotalSeconds:0.###} seconds ({PrometheusOptions.Section}:Timeout).");
        }
        catch (HttpRequestException e)
        {
            throw Fail($"Prometheus at {_shownUrl} is unreachable: {e.Message}", e);
        }
        catch (IOException e)
        {
            throw Fail($"Prometheus at {_shownUrl} broke off its answer: {e.Message}", e);
        }
    }

    /// <summary>A string of an error answer; one that is not valid UTF-8 (found by fuzzing) is said to be so instead of throwing.</summary>
    private static string? ErrorField(JsonElement root, string name)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(name, out var field) || field.ValueKind != JsonValueKind.String)
            return null;
        try
        {
            return field.GetString();
        }
        catch (InvalidOperationException)
        {
            return "(not valid UTF-8)";
        }
    }

    private SliSourceException Fail(string message, Exception? inner = null)
    {
        Log.QueryFailed(logger, message);
        return new SliSourceException(message, inner);
    }

    private static string Seconds(DateTimeOffset at) => (at.ToUnixTimeMilliseconds() / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);

    private string TooLarge(long? length) =>
        $"Prometheus at {_shownUrl} answered with {(length is { } n ? n.Bytes().Humanize() : "more")}, more than the {_maxResponseBytes.Bytes().Humanize()} SloBot reads ({PrometheusOptions.Section}:MaxResponseBytes); "
        + "narrow the catalog's queries (fewer series, sum by fewer labels) or raise the limit.";
}
