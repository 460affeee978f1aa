using System.Globalization;
using System.Text.Json;

namespace SloBot.Sli.Prometheus;

/// <summary>
/// Reads a successful Prometheus API answer, checking its shape as it goes: anything else than
/// <c>{"status":"success","data":{"resultType":…,"result":…}}</c> with the documented sample layout is a
/// <see cref="PrometheusShapeException"/> naming the JSON path and what was found there. Never throws anything else.
/// </summary>
internal static class PrometheusResponse
{
    /// <summary>An instant query's samples (<c>vector</c> or <c>scalar</c>).</summary>
    public static IReadOnlyList<PromSample> ReadInstant(JsonElement root) => Guard(() => Instant(root));

    /// <summary>A range query's series (<c>matrix</c>).</summary>
    public static IReadOnlyList<PromSeries> ReadRange(JsonElement root) => Guard(() => Range(root));

    /// <summary>Strings that are not valid UTF-8 pass the JSON parser and throw only when read.</summary>
    private static T Guard<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (InvalidOperationException)
        {
            throw new PrometheusShapeException("a string in the answer is not valid UTF-8");
        }
    }

    private static IReadOnlyList<PromSample> Instant(JsonElement root)
    {
        var (type, result) = Data(root);
        if (type == "scalar")
            return [new PromSample(new Dictionary<string, string>(), Pair(result, "data.result").Value)];
        if (type != "vector")
            throw new PrometheusShapeException($"data.resultType is '{type}', expected 'vector' or 'scalar' for an instant query");
        var samples = new List<PromSample>();
        var i = 0;
        foreach (var item in Array(result, "data.result"))
        {
            var path = $"data.result[{i++}]";
            samples.Add(new PromSample(Labels(item, path), Pair(Property(item, "value", path), path + ".value").Value));
        }

        return samples;
    }

    private static IReadOnlyList<PromSeries> Range(JsonElement root)
    {
        var (type, result) = Data(root);
        if (type != "matrix")
            throw new PrometheusShapeException($"data.resultType is '{type}', expected 'matrix' for a range query");
        var series = new List<PromSeries>();
        var i = 0;
        foreach (var item in Array(result, "data.result"))
        {
            var path = $"data.result[{i++}]";
            var points = new List<(DateTimeOffset, double)>();
            var j = 0;
            foreach (var value in Array(Property(item, "values", path), path + ".values"))
            {
                var (at, v) = Pair(value, $"{path}.values[{j++}]");
                points.Add((at, v));
            }

            series.Add(new PromSeries(Labels(item, path), points));
        }

        return series;
    }

    /// <summary>The number of results, for the log line (0 when the shape is not one SloBot reads).</summary>
    public static int ResultCount(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
            && data.TryGetProperty("result", out var r) && r.ValueKind == JsonValueKind.Array ? r.GetArrayLength() : 0;

    private static (string Type, JsonElement Result) Data(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw new PrometheusShapeException($"the answer is {Kind(root)}, expected an object");
        var data = Property(root, "data", "");
        if (data.ValueKind != JsonValueKind.Object)
            throw new PrometheusShapeException($"data is {Kind(data)}, expected an object");
        var type = Property(data, "resultType", "data");
        if (type.ValueKind != JsonValueKind.String)
            throw new PrometheusShapeException($"data.resultType is {Kind(type)}, expected a string");
        return (type.GetString()!, Property(data, "result", "data"));
    }

    private static JsonElement Property(JsonElement item, string name, string path)
    {
        var at = path.Length == 0 ? name : $"{path}.{name}";
        if (item.ValueKind != JsonValueKind.Object)
            throw new PrometheusShapeException($"{(path.Length == 0 ? "the answer" : path)} is {Kind(item)}, expected an object with '{name}'");
        return item.TryGetProperty(name, out var value) ? value : throw new PrometheusShapeException($"{at} is missing");
    }

    private static JsonElement.ArrayEnumerator Array(JsonElement item, string path) =>
        item.ValueKind == JsonValueKind.Array ? item.EnumerateArray() : throw new PrometheusShapeException($"{path} is {Kind(item)}, expected an array");

    private static Dictionary<string, string> Labels(JsonElement item, string path)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (item.ValueKind != JsonValueKind.Object)
            throw new PrometheusShapeException($"{path} is {Kind(item)}, expected an object");
        if (!item.TryGetProperty("metric", out var metric) || metric.ValueKind == JsonValueKind.Null)
            return labels;
        if (metric.ValueKind != JsonValueKind.Object)
            throw new PrometheusShapeException($"{path}.metric is {Kind(metric)}, expected an object of label names and values");
        foreach (var p in metric.EnumerateObject())
        {
            labels[p.Name] = p.Value.ValueKind == JsonValueKind.String
                ? p.Value.GetString()!
                : throw new PrometheusShapeException($"{path}.metric.{p.Name} is {Kind(p.Value)}, expected a string");
        }

        return labels;
    }

    /// <summary>A <c>[unix seconds, "value"]</c> pair; Prometheus writes values as strings (also NaN and ±Inf).</summary>
    private static (DateTimeOffset At, double Value) Pair(JsonElement pair, string path)
    {
        if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2)
            throw new PrometheusShapeException($"{path} is {Kind(pair)}, expected [time, \"value\"]");
        var (time, value) = (pair[0], pair[1]);
        if (time.ValueKind != JsonValueKind.Number || !time.TryGetDouble(out var seconds) || !(Math.Abs(seconds) < 253_402_300_799))
            throw new PrometheusShapeException($"{path}[0] is {Kind(time)}, expected a time in Unix seconds");
        if (value.ValueKind != JsonValueKind.String)
            throw new PrometheusShapeException($"{path}[1] is {Kind(value)}, expected the value as a string (\"42.5\")");
        if (Number(value.GetString()!) is not { } v)
            throw new PrometheusShapeException($"{path}[1] is \"{Shorten(value.GetString()!)}\", expected a number as a string");
        return (DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000)), v);
    }

    private static double? Number(string text) => text switch
    {
        "+Inf" or "Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null,
    };

    private static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => $"an array of {e.GetArrayLength()}",
        JsonValueKind.String => $"the string \"{Shorten(e.GetString()!)}\"",
        JsonValueKind.Number => $"the number {Shorten(e.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => e.GetRawText(),
        _ => "null",
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}

/// <summary>A Prometheus answer that is JSON but not of the shape the API documents.</summary>
internal sealed class PrometheusShapeException(string message) : Exception(message);
