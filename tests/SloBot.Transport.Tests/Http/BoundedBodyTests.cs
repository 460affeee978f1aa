using System.Text;
using Microsoft.AspNetCore.Http;
using SloBot.Transport.Http;

namespace SloBot.Transport.Tests.Http;

public sealed class BoundedBodyTests
{
    [Fact]
    public async Task ReadAsync_BodyWithinLimit_ReturnsItsBytes()
    {
        var http = Request("hello", contentLength: 5);

        var body = await BoundedBody.ReadAsync(http, max: 5);

        Assert.Equal("hello", Encoding.UTF8.GetString(body!));
    }

    [Fact]
    public async Task ReadAsync_ContentLengthAboveLimit_RefusesBeforeReading()
    {
        var http = Request("hello", contentLength: 5);

        var body = await BoundedBody.ReadAsync(http, max: 4);

        Assert.Null(body);
        Assert.Equal(0, http.Request.Body.Position);
    }

    [Fact]
    public async Task ReadAsync_ChunkedBodyPassingLimit_Refused()
    {
        var http = Request(new string('x', 40_000), contentLength: null);

        var body = await BoundedBody.ReadAsync(http, max: 20_000);

        Assert.Null(body);
    }

    private static DefaultHttpContext Request(string body, long? contentLength)
    {
        var http = new DefaultHttpContext();
        http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        http.Request.ContentLength = contentLength;
        return http;
    }
}
