using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SloBot.Chat.Delivery;
using SloBot.Chat.Events;
using SloBot.Slack.Http;
using SloBot.Slack.Inbound;
using SloBot.Slack.Tests.Emulator;
using SloBot.Testing.Http;

namespace SloBot.Slack.Tests.Http;

/// <summary>HTTP mode on a real Kestrel host (the way src/SloBot maps it), answering through the emulator.</summary>
public sealed class SlackHttpEndpointsTests : IAsyncLifetime, IDisposable
{
    private const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    private readonly RecordingSink _sink = new();
    private readonly LogCollector _logs = new();
    private SlackEmulator _slack = null!;
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _slack = await SlackEmulator.StartAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders().AddProvider(_logs);
        builder.Configuration.AddInMemoryCollection(SlackTestHost.Settings(_slack, new Dictionary<string, string?> { ["SloBot:Slack:Mode"] = "Http", ["SloBot:Slack:AppToken"] = null }));
        builder.Services.AddSlackTransport(builder.Configuration);
        builder.Services.AddSingleton<IChatEventSink>(_sink);
        _app = builder.Build();
        _app.MapSlackEndpoints();
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _http = new HttpClient { BaseAddress = new Uri(address) };
    }

    public void Dispose()
    {
        _http.Dispose();
        _logs.Dispose();
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _slack.DisposeAsync();
    }

    private Task<HttpResponseMessage> PostAsync(string path, string body, string contentType, string? secret = Secret, TimeSpan? age = null)
    {
        var timestamp = (TimeProvider.System.GetUtcNow() - (age ?? TimeSpan.Zero)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        request.Content.Headers.ContentType!.CharSet = null;
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", SlackSignature.Sign(secret ?? Secret, timestamp, Encoding.UTF8.GetBytes(body)));
        return _http.SendAsync(request);
    }

    /// <summary>
    /// The endpoint decides (refuse, de-duplicate, queue) before it answers, so once every response is back, no work in
    /// flight means every accepted event has been handled and answered: the event to wait on instead of a pause.
    /// </summary>
    private Task WhenInboundIdleAsync() =>
        SlackEmulator.WaitUntilAsync(() => _app.Services.GetRequiredService<SlackInbound>().InFlight == 0, "no inbound work in flight");

    private static string Form(JsonObject fields) =>
        string.Join("&", fields.Select(kv => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(kv.Value!.GetValue<string>())}"));

    [Fact]
    public async Task SignedSlashCommand_IsAckedWith200AndAnsweredThroughResponseUrl()
    {
        var url = _slack.NewResponseUrl(out _);
        using var response = await PostAsync("/slack/commands", Form(SlackEnvelopes.SlashCommandFields("budget payment", url)), "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await SlackEmulator.WaitForAsync(() => _slack.CallsOf("response_url").FirstOrDefault(), "the answer");
        Assert.Contains("echo: budget payment", answer.Body.GetProperty("blocks").GetRawText());
        Assert.Equal("budget payment", Assert.IsType<CommandEvent>(Assert.Single(_sink.Events)).Text);
    }

    [Theory]
    [InlineData("tampered")]
    [InlineData("wrong-secret")]
    [InlineData("stale")]
    public async Task BadSignature_Gets401_AndIsLoggedWithoutTheBody(string how)
    {
        var body = Form(SlackEnvelopes.SlashCommandFields("budget secret-service", _slack.NewResponseUrl(out _)));
        using var response = how switch
        {
            "tampered" => await PostTamperedAsync(body),
            "wrong-secret" => await PostAsync("/slack/commands", body, "application/x-www-form-urlencoded", secret: "not-the-secret"),
            _ => await PostAsync("/slack/commands", body, "application/x-www-form-urlencoded", age: TimeSpan.FromMinutes(6)),
        };

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await WhenInboundIdleAsync();
        Assert.Empty(_sink.Events);
        var log = Assert.Single(_logs.Entries, e => e.Message.Contains("Refused a Slack request", StringComparison.Ordinal));
        Assert.Contains("/slack/commands", log.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-service", _logs.All, StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> PostTamperedAsync(string body)
    {
        var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, "/slack/commands") { Content = new StringContent(body + "x", Encoding.UTF8, "application/x-www-form-urlencoded") };
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", SlackSignature.Sign(Secret, timestamp, Encoding.UTF8.GetBytes(body)));
        return await _http.SendAsync(request);
    }

    [Fact]
    public async Task UrlVerification_AnswersTheChallenge()
    {
        using var response = await PostAsync("/slack/events", """{"token":"legacy","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}""", "application/json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RetriedEvent_IsHandledOnce()
    {
        var body = SlackEnvelopes.EventCallback(SlackEnvelopes.ThreadReply("done", "1700000000.000100", "1700000009.000900"), "Ev0HTTP").ToJsonString();
        using var first = await PostAsync("/slack/events", body, "application/json");
        using var retry = await PostAsync("/slack/events", body, "application/json"); // Slack's X-Slack-Retry-Num: 1
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        await SlackEmulator.WaitForAsync(() => _slack.CallsOf("chat.postMessage").FirstOrDefault(), "the answer");
        await WhenInboundIdleAsync();
        Assert.Single(_slack.CallsOf("chat.postMessage"));
        Assert.Single(_sink.Events);
    }

    [Fact]
    public async Task ButtonClickOverHttp_BecomesButtonClick()
    {
        var payload = SlackEnvelopes.BlockActions("budget.refresh", "payment", _slack.NewResponseUrl(out _)).ToJsonString();
        using var response = await PostAsync("/slack/interactions", "payload=" + Uri.EscapeDataString(payload), "application/x-www-form-urlencoded");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await SlackEmulator.WaitForAsync(() => _slack.CallsOf("response_url").FirstOrDefault(), "the answer");
        var click = Assert.IsType<ButtonClick>(Assert.Single(_sink.Events));
        Assert.Equal(("budget.refresh", "payment"), (click.ActionId, click.Value));
    }

    [Theory]
    [InlineData("/slack/commands", true)]
    [InlineData("/slack/events", true)]
    [InlineData("/slack/interactions", false)]
    public async Task UnsignedHugeBody_Gets401WithoutBeingRead(string path, bool chunked)
    {
        var (status, sent) = await RawPost.SendAsync(_http.BaseAddress!, path, 28 * 1024 * 1024, chunked, new() { ["X-Slack-Request-Timestamp"] = Now() });

        Assert.Equal(401, status);
        Assert.True(sent < 28 * 1024 * 1024, "refused before the whole body was sent");
        Assert.Empty(_sink.Events);
    }

    [Theory]
    [InlineData("/slack/commands", true)]
    [InlineData("/slack/events", true)]
    [InlineData("/slack/interactions", true)]
    [InlineData("/slack/commands", false)]
    public async Task BodyOverOneMegabyte_Gets413WhileStreaming_BeforeAnySignatureWork(string path, bool chunked)
    {
        var headers = new Dictionary<string, string> { ["X-Slack-Request-Timestamp"] = Now(), ["X-Slack-Signature"] = "v0=" + new string('0', 64) };

        var (status, sent) = await RawPost.SendAsync(_http.BaseAddress!, path, 28 * 1024 * 1024, chunked, headers);

        Assert.Equal(413, status);
        Assert.True(sent < 28 * 1024 * 1024, "answered before the whole body was sent");
        Assert.Contains(_logs.Entries, e => e.Message.Contains("body larger than 1048576 bytes (413)", StringComparison.Ordinal));
        Assert.Empty(_sink.Events);
    }

    private static string Now() => TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}
