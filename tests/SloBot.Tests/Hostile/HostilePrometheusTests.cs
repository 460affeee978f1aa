using Xunit;
using SloBot.Tests.Cli;

namespace SloBot.Tests.Hostile;

/// <summary>Issue 13 item 4: a Prometheus answering valid JSON of the wrong shape, or too much of it, is an SLI-source failure.</summary>
public sealed class HostilePrometheusTests : IDisposable
{
    private const string GoodVector = """{"status":"success","data":{"resultType":"vector","result":[]}}""";

    private readonly CliRun _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("""{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":42}]}}""", "data.result[0].value is the number 42, expected [time, \"value\"]")]
    [InlineData("""{"status":"success","data":{"resultType":"vector","result":[{"metric":{}}]}}""", "data.result[0].value is missing")]
    [InlineData("""{"status":"success","data":{"resultType":"vector","result":[{"metric":{"a":1},"value":[1,"2"]}]}}""", "data.result[0].metric.a is the number 1, expected a string")]
    [InlineData("""{"status":"success","data":{"resultType":"vector","result":{"x":1}}}""", "data.result is an object, expected an array")]
    [InlineData("""{"status":"success"}""", "data is missing")]
    [InlineData("""{"status":"success","data":{"resultType":"matrix","result":[]}}""", "data.resultType is 'matrix', expected 'vector' or 'scalar'")]
    [InlineData("""{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":["now","2"]}]}}""", "data.result[0].value[0] is the string \"now\", expected a time in Unix seconds")]
    [InlineData("""{"status":"success","data":[1,2]}""", "data is an array of 2, expected an object")]
    public async Task Ask_WrongShapeInstantAnswer_IsAnSliSourceFailureNamingTheUrlAndWhatWasWrong(string body, string what)
    {
        using var prometheus = new FakePrometheus(FakePrometheus.Json(body));

        var (code, stdout, stderr) = await _cli.RunAsync("ask", "/slo budget shop", _cli.Catalog, "--SloBot:Sli:Source=Prometheus", $"--SloBot:Sli:Prometheus:Url={prometheus.Url}");

        Assert.Equal(1, code);
        var text = stdout + stderr;
        Assert.Contains($"The SLI source failed: Prometheus at {prometheus.Url} answered api/v1/query with JSON that is not the shape of the Prometheus API: {what}", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Something went wrong inside SloBot", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_ReleaseWhileRangeAnswerLacksValues_SaysTheHistoryCouldNotBeReadAndWhy()
    {
        // The budget is overspent (1 % errors against 99.9 %), so the release reads the history to date a recovery.
        var samples = string.Join(',', new[] { "30d", "1h", "6h", "1d", "3d" }.SelectMany(w => new[] { ("bad", 10), ("total", 1000) }.Select(k =>
            $$"""{"metric":{"slobot_slo":"shop/availability","slobot_kind":"{{k.Item1}}","slobot_window":"{{w}}"},"value":[1700000000,"{{k.Item2}}"]}""")));
        var vector = """{"status":"success","data":{"resultType":"vector","result":[""" + samples + "]}}";
        const string range = """{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"slobot_slo":"shop/availability"}}]}}""";
        using var prometheus = new FakePrometheus(FakePrometheus.Json(vector, range));

        var (code, stdout, stderr) = await _cli.RunAsync("ask", "/slo release shop 1.2.3", _cli.Catalog, "--SloBot:Sli:Source=Prometheus", $"--SloBot:Sli:Prometheus:Url={prometheus.Url}");

        var text = stdout + stderr;
        Assert.Equal(5, code); // block: the budget is exhausted
        Assert.Contains($"Prometheus at {prometheus.Url} answered api/v1/query_range with JSON that is not the shape of the Prometheus API: data.result[0].values is missing", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Something went wrong inside SloBot", text, StringComparison.Ordinal);
    }

    /// <summary>Found by fuzzing: an error answer whose message is not valid UTF-8 is still an SLI-source failure, not a crash.</summary>
    [Fact]
    public async Task Ask_ErrorAnswerWithInvalidUtf8_IsAnSliSourceFailure()
    {
        using var prometheus = new FakePrometheus(async (_, response) =>
        {
            response.StatusCode = 422;
            response.ContentType = "application/json";
            await response.OutputStream.WriteAsync((byte[])[.. "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"x"u8, 0xF0, .. "ar\"}"u8]);
        });

        var (code, stdout, stderr) = await _cli.RunAsync("ask", "/slo budget shop", _cli.Catalog, "--SloBot:Sli:Source=Prometheus", $"--SloBot:Sli:Prometheus:Url={prometheus.Url}");

        var text = stdout + stderr;
        Assert.Equal(1, code);
        Assert.Contains($"Prometheus at {prometheus.Url} rejected the query (HTTP 422, bad_data): (not valid UTF-8)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Something went wrong inside SloBot", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Ask_AnswerLargerThanTheCap_IsRefusedNamingTheKey(bool chunked)
    {
        const int size = 8 * 1024 * 1024;
        using var prometheus = new FakePrometheus(async (_, response) =>
        {
            response.ContentType = "application/json";
            if (chunked)
                response.SendChunked = true;
            else
                response.ContentLength64 = size;
            var chunk = new byte[64 * 1024];
            Array.Fill(chunk, (byte)' ');
            for (var sent = 0; sent < size; sent += chunk.Length)
                await response.OutputStream.WriteAsync(chunk);
        });

        var (code, stdout, stderr) = await _cli.RunAsync("ask", "/slo budget shop", _cli.Catalog, "--SloBot:Sli:Source=Prometheus",
            $"--SloBot:Sli:Prometheus:Url={prometheus.Url}", "--SloBot:Sli:Prometheus:MaxResponseBytes=1048576");

        var text = stdout + stderr;
        Assert.Equal(1, code);
        Assert.Contains($"Prometheus at {prometheus.Url} answered with {(chunked ? "more" : "8 MB")}, more than the 1 MB SloBot reads (SloBot:Sli:Prometheus:MaxResponseBytes)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_CapBelowMinimum_IsAConfigurationError()
    {
        var (code, _, stderr) = await _cli.RunAsync("ask", "/slo budget shop", _cli.Catalog, "--SloBot:Sli:Source=Prometheus",
            "--SloBot:Sli:Prometheus:Url=http://127.0.0.1:1", "--SloBot:Sli:Prometheus:MaxResponseBytes=10");

        Assert.Equal(2, code);
        Assert.Contains("SloBot:Sli:Prometheus:MaxResponseBytes 10 is too small; expected at least 65536 bytes", stderr, StringComparison.Ordinal);
    }
}
