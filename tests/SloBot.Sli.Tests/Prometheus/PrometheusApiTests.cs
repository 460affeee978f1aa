using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SloBot.Core.Sli;
using SloBot.Sli.Prometheus;
using Xunit;

namespace SloBot.Sli.Tests.Prometheus;

public class PrometheusApiTests
{
    [Fact]
    public async Task QueryAsync_PrometheusError_MessageCarriesTypeAndText()
    {
        var api = Api(new StubHandler(HttpStatusCode.BadRequest, """{"status":"error","errorType":"bad_data","error":"1:5: parse error: unexpected <EOF>"}"""));

        var e = await Assert.ThrowsAsync<SliSourceException>(() => api.QueryAsync("sum(", DateTimeOffset.UnixEpoch, CancellationToken.None));

        Assert.Contains("rejected the query (HTTP 400, bad_data): 1:5: parse error: unexpected <EOF>", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryAsync_NotPrometheus_SaysHttpStatus()
    {
        var api = Api(new StubHandler(HttpStatusCode.BadGateway, "<html>bad gateway</html>"));

        var e = await Assert.ThrowsAsync<SliSourceException>(() => api.QueryAsync("up", DateTimeOffset.UnixEpoch, CancellationToken.None));

        Assert.Contains("HTTP 502", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryAsync_NothingListening_SaysUnreachableWithoutCredentials()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var http = new HttpClient();
        var api = new PrometheusApi(http, new PrometheusOptions { Url = $"http://user:secret@127.0.0.1:{port}" }, TimeProvider.System, NullLogger.Instance);

        var e = await Assert.ThrowsAsync<SliSourceException>(() => api.QueryAsync("up", DateTimeOffset.UnixEpoch, CancellationToken.None));

        Assert.Contains($"Prometheus at http://127.0.0.1:{port}/ is unreachable", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryAsync_Success_PostsFormAndParsesVector()
    {
        var handler = new StubHandler(HttpStatusCode.OK, """{"status":"success","data":{"resultType":"vector","result":[{"metric":{"a":"b"},"value":[1700000000,"42.5"]},{"metric":{},"value":[1700000000,"NaN"]}]}}""");
        var api = Api(handler);

        var samples = await api.QueryAsync("sum(x)", DateTimeOffset.FromUnixTimeSeconds(1700000000), CancellationToken.None);

        Assert.Equal(HttpMethod.Post, handler.Method);
        Assert.Equal("/api/v1/query", handler.Path);
        Assert.Contains("query=sum%28x%29", handler.Body, StringComparison.Ordinal);
        Assert.Contains("time=1700000000", handler.Body, StringComparison.Ordinal);
        Assert.Equal(42.5, samples[0].Value);
        Assert.Equal("b", samples[0].Labels["a"]);
        Assert.True(double.IsNaN(samples[1].Value));
    }

    [Theory]
    [InlineData(null, "SloBot:Sli:Prometheus:Url is required")]
    [InlineData("prometheus:9090", "SloBot:Sli:Prometheus:Url 'prometheus:9090' is not an absolute http(s) URL")]
    public void AddPrometheusSliSource_BadUrl_FailsNamingTheKey(string? url, string message)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["SloBot:Sli:Prometheus:Url"] = url }).Build();
        using var provider = new ServiceCollection().AddLogging().AddPrometheusSliSource(config).BuildServiceProvider();

        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<PrometheusOptions>>().Value);

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddPrometheusSliSource_BadTimeout_FailsNamingTheKey()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SloBot:Sli:Prometheus:Url"] = "http://localhost:9090",
            ["SloBot:Sli:Prometheus:Timeout"] = "soon",
        }).Build();
        using var provider = new ServiceCollection().AddLogging().AddPrometheusSliSource(config).BuildServiceProvider();

        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<PrometheusOptions>>().Value);

        Assert.Contains("SloBot:Sli:Prometheus:Timeout 'soon'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddPrometheusSliSource_ValidConfig_ResolvesThePrometheusSource()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SloBot:Sli:Prometheus:Url"] = "http://localhost:9090",
            ["SloBot:Sli:Prometheus:Timeout"] = "2m",
        }).Build();
        using var provider = new ServiceCollection().AddLogging().AddPrometheusSliSource(config).BuildServiceProvider();

        Assert.IsType<PrometheusSliSource>(provider.GetRequiredService<ISliSource>());
        Assert.Equal(TimeSpan.FromMinutes(2), provider.GetRequiredService<IOptions<PrometheusOptions>>().Value.TimeoutSpan);
    }

    private static PrometheusApi Api(HttpMessageHandler handler) =>
        new(new HttpClient(handler), new PrometheusOptions { Url = "http://prometheus.test:9090" }, TimeProvider.System, NullLogger.Instance);

    private sealed class StubHandler(HttpStatusCode status, string body) : HttpMessageHandler
    {
        public HttpMethod? Method { get; private set; }

        public string? Path { get; private set; }

        public string Body { get; private set; } = "";

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Method = request.Method;
            Path = request.RequestUri!.AbsolutePath;
            Body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            return new HttpResponseMessage(status) { Content = new StringContent(body) };
        }
    }
}
