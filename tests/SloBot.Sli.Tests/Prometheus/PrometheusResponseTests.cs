using System.Text.Json;
using SloBot.Sli.Prometheus;
using Xunit;

namespace SloBot.Sli.Tests.Prometheus;

public class PrometheusResponseTests
{
    [Fact]
    public void ReadRange_Matrix_ReadsPointsAndSpelledOutSpecialValues()
    {
        using var doc = JsonDocument.Parse("""{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"a":"b"},"values":[[1700000000,"1"],[1700000060.5,"+Inf"]]}]}}""");

        var series = Assert.Single(PrometheusResponse.ReadRange(doc.RootElement));

        Assert.Equal("b", series.Labels["a"]);
        Assert.Equal([(DateTimeOffset.FromUnixTimeSeconds(1700000000), 1.0), (DateTimeOffset.FromUnixTimeMilliseconds(1700000060500), double.PositiveInfinity)], series.Points);
    }

    [Fact]
    public void ReadInstant_Scalar_IsOneUnlabelledSample()
    {
        using var doc = JsonDocument.Parse("""{"status":"success","data":{"resultType":"scalar","result":[1700000000,"7"]}}""");

        var sample = Assert.Single(PrometheusResponse.ReadInstant(doc.RootElement));

        Assert.Empty(sample.Labels);
        Assert.Equal(7, sample.Value);
    }

    [Theory]
    [InlineData("""[1,2]""", "the answer is an array of 2, expected an object")]
    [InlineData("""{"data":{"resultType":"matrix","result":[{"values":[[1,2]]}]}}""", "data.result[0].values[0][1] is the number 2, expected the value as a string (\"42.5\")")]
    [InlineData("""{"data":{"resultType":"matrix","result":[{"values":[[1e300,"2"]]}]}}""", "data.result[0].values[0][0] is the number 1e300, expected a time in Unix seconds")]
    [InlineData("""{"data":{"resultType":"matrix","result":[{"values":[[1,"many"]]}]}}""", "data.result[0].values[0][1] is \"many\", expected a number as a string")]
    [InlineData("""{"data":{"resultType":"vector","result":[]}}""", "data.resultType is 'vector', expected 'matrix' for a range query")]
    [InlineData("""{"data":{"resultType":7,"result":[]}}""", "data.resultType is the number 7, expected a string")]
    [InlineData("""{"data":{"resultType":"matrix","result":[5]}}""", "data.result[0] is the number 5, expected an object with 'values'")]
    public void ReadRange_WrongShape_NamesThePathAndWhatWasThere(string json, string message)
    {
        using var doc = JsonDocument.Parse(json);

        var e = Assert.Throws<PrometheusShapeException>(() => PrometheusResponse.ReadRange(doc.RootElement));

        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void ReadInstant_InvalidUtf8InALabel_IsAShapeProblem()
    {
        var bytes = "{\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"a\":\"X\"},\"value\":[1,\"2\"]}]}}"u8.ToArray();
        bytes[Array.IndexOf(bytes, (byte)'X')] = 0xFF;
        using var doc = JsonDocument.Parse(bytes);

        var e = Assert.Throws<PrometheusShapeException>(() => PrometheusResponse.ReadInstant(doc.RootElement));

        Assert.Equal("a string in the answer is not valid UTF-8", e.Message);
    }
}
