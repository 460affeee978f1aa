using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
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

    public async Task<IReadOnlyList<PromSample>> QueryAsync(string query, DateTimeOffset at, CancellationToken cancellationToken)
    {
        using var doc = await PostAsync("api/v1/query", query, [("time", Seconds(at))], cancellationToken).ConfigureAwait(false);
        var data = doc.RootElement.GetProperty("data");
        var type = data.GetProperty("resultType").GetString();
        var samples = new List<PromSample>();
        if (type == "scalar")
            return [new PromSample(new Dictionary<string, string>(), Value(data.GetProperty("result")))];
        if (type != "vector")
            throw new SliSourceException($"Prometheus at {_shownUrl} answered a {type} where SloBot expected an instant vector.");
        foreach (var item in data.GetProperty("result").EnumerateArray())
            samples.Add(new PromSample(Labels(item), Value(item.GetProperty("value"))));
        return samples;
    }

    public async Task<IReadOnlyList<PromSeries>> QueryRangeAsync(string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken)
    {
        (string, string)[] form = [("start", Seconds(start)), ("end", Seconds(end)), ("step", step.TotalSeconds.ToString(CultureInfo.InvariantCulture))];
        using var doc = await PostAsync("api/v1/query_range", query, form, cancellationToken).ConfigureAwait(false);
        var result = new List<PromSeries>();
        foreach (var item in doc.RootElement.GetProperty("data").GetProperty("result").EnumerateArray())
        {
            var points = item.GetProperty("values").EnumerateArray()
                .Select(v => (DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(v[0].GetDouble() * 1000)), Value(v)))
                .ToArray();
            result.Add(new PromSeries(Labels(item), points));
        }

        return result;
    }

    private async Task<JsonDocument> PostAsync(string endpoint, string query, (string Key, string Value)[] parameters, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var fields = new List<KeyValuePair<string, string>>(parameters.Length + 2)
        {
            new("query", query),
            new("timeout", $"{(long)Math.Ceiling(_timeout.TotalMilliseconds)}ms"),
        };
        fields.AddRange(parameters.Select(p => new KeyValuePair<string, string>(p.Key, p.Value)));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_base, endpoint)) { Content = new FormUrlEncodedContent(fields) };
        if (_base.UserInfo.Length > 0)
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(_base.UserInfo))));

        using var timeout = new CancellationTokenSource(_timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var stream = await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                JsonDocument doc;
                try
                {
                    doc = await JsonDocument.ParseAsync(stream, cancellationToken: linked.Token).ConfigureAwait(false);
                }
                catch (JsonException)
                {
                    throw Fail($"Prometheus at {_shownUrl} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase} with a body that is not the Prometheus API's JSON; is {endpoint} a Prometheus?");
                }

                var root = doc.RootElement;
                if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("status", out var status) && status.GetString() == "success" && response.IsSuccessStatusCode)
                {
                    Log.QueryAnswered(logger, endpoint, root.GetProperty("data").TryGetProperty("result", out var r) && r.ValueKind == JsonValueKind.Array ? r.GetArrayLength() : 1,
                        (long)time.GetElapsedTime(started).TotalMilliseconds, query.Length);
                    return doc;
                }

                using (doc)
                {
                    var errorType = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("errorType", out var et) ? et.GetString() : null;
                    var error = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var e) ? e.GetString() : null;
                    throw Fail(error is null
                        ? $"Prometheus at {_shownUrl} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}."
                        : $"Prometheus at {_shownUrl} rejected the query (HTTP {(int)response.StatusCode}, {errorType}): {error}");
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
    }

    private SliSourceException Fail(string message, Exception? inner = null)
    {
        Log.QueryFailed(logger, message);
        return new SliSourceException(message, inner);
    }

    private static string Seconds(DateTimeOffset at) => (at.ToUnixTimeMilliseconds() / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);

    private static Dictionary<string, string> Labels(JsonElement item)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (item.TryGetProperty("metric", out var metric))
        {
            foreach (var p in metric.EnumerateObject())
                labels[p.Name] = p.Value.GetString() ?? "";
        }

        return labels;
    }

    /// <summary>A [time, "value"] pair's value; Prometheus spells NaN and infinities as strings.</summary>
    private static double Value(JsonElement pair) =>
        double.TryParse(pair[1].GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN;
}
