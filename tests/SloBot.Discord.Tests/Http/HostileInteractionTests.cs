using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using SloBot.Discord.Tests.Emulator;
using SloBot.Storage;
using SloBot.Testing.Http;

namespace SloBot.Discord.Tests.Http;

using static InteractionsHost;

/// <summary>Issue 13 items 6 and 7 at the interactions endpoint: bodies bounded while streaming, stale timestamps and replays refused.</summary>
public sealed class HostileInteractionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("slobot-discord-replay-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task UnsignedHugeBody_IsRefusedWithoutReadingIt(bool chunked)
    {
        await using var emulator = await DiscordEmulator.StartAsync();
        await using var app = await StartAsync(emulator);
        using var http = new HttpClient { BaseAddress = app.Url };

        var (status, sent) = await RawPost.SendAsync(app.Url, "/discord/interactions", 28 * 1024 * 1024, chunked, new() { ["X-Signature-Timestamp"] = Now() });

        Assert.Equal(401, status);
        Assert.True(sent < 28 * 1024 * 1024, "refused before the whole body was sent");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task WellFormedHeadersButBodyOverOneMegabyte_Gets413(bool chunked)
    {
        await using var emulator = await DiscordEmulator.StartAsync();
        var logs = new FakeLoggerProvider();
        await using var app = await StartAsync(emulator, logs: logs);
        var headers = new Dictionary<string, string> { ["X-Signature-Timestamp"] = Now(), ["X-Signature-Ed25519"] = new string('a', 128) };

        var (status, sent) = await RawPost.SendAsync(app.Url, "/discord/interactions", 28 * 1024 * 1024, chunked, headers);

        Assert.Equal(413, status);
        Assert.True(sent < 28 * 1024 * 1024, "answered before the whole body was sent");
        Assert.Contains(logs.Collector.GetSnapshot(), r => r.Message.Contains("larger than 1048576 bytes (413)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("-02:00:00")]
    [InlineData("00:05:30")]
    [InlineData("-00:05:30")]
    [InlineData("hello")]
    public async Task CorrectlySignedButTimestampOffByMoreThanFiveMinutes_Gets401(string offset)
    {
        await using var emulator = await DiscordEmulator.StartAsync();
        await using var app = await StartAsync(emulator);
        using var http = new HttpClient { BaseAddress = app.Url };
        var timestamp = offset == "hello" ? "hello" : Now(TimeSpan.Parse(offset, System.Globalization.CultureInfo.InvariantCulture));

        using var response = await PostAsync(http, """{"type":1}""", timestamp, Sign(timestamp, """{"type":1}"""));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(offset == "hello" ? "not Unix seconds" : "more than 5 minutes off", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplayedSignedCommand_IsRefusedAfterARestart_AndOnAnotherReplica()
    {
        await using var emulator = await DiscordEmulator.StartAsync();
        emulator.InteractionsOverHttp = true;
        var interaction = emulator.Interaction(2, DiscordHarness.SlashCommand("budget", ("service", "payment")));
        var body = interaction.ToJsonString();
        var timestamp = Now();
        var signature = Sign(timestamp, body);

        await using (var first = await StartAsync(emulator, StoredState))
        {
            using var http = new HttpClient { BaseAddress = first.Url };
            using var answered = await PostAsync(http, body, timestamp, signature);
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
            await SloBot.Testing.Poll.UntilAsync(() => emulator.ResponsesTo(interaction).Any(r => r.Method == "PATCH"), "the answer to the first delivery");
            using var again = await PostAsync(http, body, timestamp, signature);
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        await using var restarted = await StartAsync(emulator, StoredState);
        await using var replica = await StartAsync(emulator, StoredState);
        foreach (var host in new[] { restarted, replica })
        {
            using var http = new HttpClient { BaseAddress = host.Url };
            using var replay = await PostAsync(http, body, timestamp, signature);
            Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
        }

        Assert.Single(emulator.ResponsesTo(interaction), r => r.Method == "PATCH"); // answered once, by the first host
    }

    /// <summary>The fuzzing crash (issue 13): a JSON property name that is not valid UTF-8, or an escaped lone surrogate.</summary>
    [Theory]
    [InlineData("invalid UTF-8", "not valid UTF-8")]
    [InlineData("lone surrogate", "a property name is not valid text")]
    [InlineData("duplicate", "a property name appears twice in one object")]
    public async Task SignedBodyWithAPropertyNameThatIsNotText_Gets400_AndTheEndpointKeepsServing(string kind, string reason)
    {
        await using var emulator = await DiscordEmulator.StartAsync();
        var logs = new FakeLoggerProvider();
        await using var app = await StartAsync(emulator, logs: logs);
        using var http = new HttpClient { BaseAddress = app.Url };
        byte[] body = kind == "invalid UTF-8"
            ? [.. "{\"type\":2,\""u8, 0xC3, 0x28, .. "\":1,\"id\":\"1\"}"u8]
            : kind == "lone surrogate" ? """{"type":2,"\ud800":1,"id":"1"}"""u8.ToArray() : """{"type":2,"data":{"a":1,"a":2},"id":"1"}"""u8.ToArray();
        var timestamp = Now();

        using var refused = await PostAsync(http, body, timestamp, Sign(timestamp, body));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("interaction body is " + reason, await refused.Content.ReadAsStringAsync());
        Assert.Contains(logs.Collector.GetSnapshot(), r => r.Message == "Refused a signed Discord interaction (400): the body is " + reason);
        const string Ping = """{"type":1}""";
        using var pong = await PostAsync(http, Ping, timestamp, Sign(timestamp, Ping));
        Assert.Equal(Ping, await pong.Content.ReadAsStringAsync());
    }

    /// <summary>Found by fuzzing: objects where strings or arrays belong (<c>"member": 1</c>) are read as absent, not a crash.</summary>
    [Fact]
    public async Task SignedCommandOfTheWrongShape_IsStillAnswered()
    {
        await using var emulator = await DiscordEmulator.StartAsync();
        emulator.InteractionsOverHttp = true;
        await using var app = await StartAsync(emulator);
        using var http = new HttpClient { BaseAddress = app.Url };
        const string Body = """{"id":"7","type":2,"token":"t","member":1,"channel":"c","data":{"name":"slo","options":[1,{"type":1,"name":"help","options":"x"}]}}""";
        var timestamp = Now();

        using var response = await PostAsync(http, Body, timestamp, Sign(timestamp, Body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(5, System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!["type"]!.GetValue<int>()); // deferred: the command runs
    }

    private void StoredState(IServiceCollection services)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SloBot:Storage:ConnectionString"] = $"Data Source={Path.Combine(_dir, "state.db")}",
        }).Build();
        services.AddSloBotStorage(config);
    }
}
