using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NSec.Cryptography;
using SloBot.Chat;
using SloBot.Chat.Budgets;
using SloBot.Chat.Catalog;
using SloBot.Chat.Design;
using SloBot.Chat.Journeys;
using SloBot.Chat.Releases;
using SloBot.Chat.Tiers;
using SloBot.Core.Catalog;
using SloBot.Core.Sli;
using SloBot.Discord.Http;
using SloBot.Discord.Tests.Emulator;
using SloBot.Testing;

namespace SloBot.Discord.Tests.Http;

using static InteractionsHost;

public sealed class HttpInteractionTests
{
    private const string PublicKeyHex = InteractionsHost.PublicKeyHex;
    private const string PingSignature = "1695961a47c91a1ec033b819b7e87e3dbc583dd0cee6d1fd0216f58ac87b6228ae531ddbf91fb7bc28d7edf7f08604da16f54624f38a6bc0614e4dc13cd47f0f";
    private const string CommandBody = """{"id":"1","application_id":"2","type":2,"token":"t","version":1,"data":{"id":"3","name":"slo","type":1,"options":[{"name":"budget","type":1,"options":[{"name":"service","type":3,"value":"payment"}]}]}}""";
    private const string CommandSignature = "3ffddd1f95a492f51c7e2b8c2850548c20f40eee4ea069bb880512c8671c5cdb1592c591e8af53dc8857e4af0aa4cf68a505880c1dde950542ff73d822914809";

    [Fact]
    public void Verify_KnownKeyPair_AcceptsTheirSignatures_AndRefusesAnyChange()
    {
        var verifier = new SignatureVerifier(PublicKeyHex, TimeProvider.System);

        Assert.True(verifier.Verify(PingSignature, "1700000000", """{"type":1}"""u8));
        Assert.True(verifier.Verify(CommandSignature, "1700000000", Encoding.UTF8.GetBytes(CommandBody)));
        Assert.False(verifier.Verify(PingSignature, "1700000000", """{"type":1} """u8));
        Assert.False(verifier.Verify(PingSignature, "1700000001", """{"type":1}"""u8));
        Assert.False(verifier.Verify(CommandSignature, "1700000000", """{"type":1}"""u8));
        Assert.False(verifier.Verify("zz" + PingSignature[2..], "1700000000", """{"type":1}"""u8));
        Assert.False(verifier.Verify(null, "1700000000", """{"type":1}"""u8));
    }

    [Fact]
    public async Task Ping_WithValidSignature_IsAnsweredPong_AndBadSignaturesGet401()
    {
        await using var emulator = await DiscordEmulator.StartAsync();
        await using var app = await InteractionsHost.StartAsync(emulator);
        using var http = new HttpClient { BaseAddress = app.Url };
        var now = InteractionsHost.Now();

        using var pong = await PostAsync(http, """{"type":1}""", now, Sign(now, """{"type":1}"""));
        Assert.Equal(HttpStatusCode.OK, pong.StatusCode);
        Assert.Equal("application/json", pong.Content.Headers.ContentType!.MediaType);
        Assert.Equal(1, JsonNode.Parse(await pong.Content.ReadAsStringAsync())!["type"]!.GetValue<int>());

        using var tampered = await PostAsync(http, """{"type":1} """, now, Sign(now, """{"type":1}"""));
        Assert.Equal(HttpStatusCode.Unauthorized, tampered.StatusCode);
        using var unsigned = await PostAsync(http, """{"type":1}""", now, null);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
    }

    [Fact]
    public async Task SignedSlashCommand_IsDeferredInline_ThenTheOriginalIsEditedWithTheBudget()
    {
        await using var emulator = await DiscordEmulator.StartAsync();
        emulator.InteractionsOverHttp = true;
        await using var app = await InteractionsHost.StartAsync(emulator);
        using var http = new HttpClient { BaseAddress = app.Url };
        var now = InteractionsHost.Now();
        var interaction = emulator.Interaction(2, DiscordHarness.SlashCommand("budget", ("service", "payment")));
        var body = interaction.ToJsonString();

        using var response = await PostAsync(http, body, now, Sign(now, body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(5, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["type"]!.GetValue<int>());
        await SloBot.Testing.Poll.UntilAsync(() => emulator.ResponsesTo(interaction).Any(r => r.Method == "PATCH"), "the edit of the original response");
        var edit = Assert.Single(emulator.ResponsesTo(interaction), r => r.Method == "PATCH");
        Assert.Equal("Error budget · payment", edit.Body!["embeds"]![0]!["title"]!.GetValue<string>());
    }
}

/// <summary>The interactions endpoint on a real Kestrel host, mapped the way src/SloBot maps it, and signed requests to it.</summary>
internal static class InteractionsHost
{
    // The RFC 8032 test-1 key pair from shared/protocols/chat-protocols.md §5.4.
    public const string Seed = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    public const string PublicKeyHex = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

    /// <summary>Now as Discord's <c>X-Signature-Timestamp</c> (Unix seconds).</summary>
    public static string Now(TimeSpan? offset = null) =>
        (TimeProvider.System.GetUtcNow() + (offset ?? TimeSpan.Zero)).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Sign(string timestamp, string body) => Sign(timestamp, Encoding.UTF8.GetBytes(body));

    public static string Sign(string timestamp, byte[] body)
    {
        using var key = Key.Import(SignatureAlgorithm.Ed25519, Convert.FromHexString(Seed), KeyBlobFormat.RawPrivateKey);
        return Convert.ToHexStringLower(SignatureAlgorithm.Ed25519.Sign(key, [.. Encoding.UTF8.GetBytes(timestamp), .. body]));
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient http, string body, string timestamp, string? signature) =>
        PostAsync(http, Encoding.UTF8.GetBytes(body), timestamp, signature);

    public static async Task<HttpResponseMessage> PostAsync(HttpClient http, byte[] body, string timestamp, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/discord/interactions") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Signature-Timestamp", timestamp);
        if (signature is not null)
            request.Headers.Add("X-Signature-Ed25519", signature);
        return await http.SendAsync(request);
    }

    public static async Task<Host> StartAsync(DiscordEmulator emulator, Action<IServiceCollection>? configure = null, ILoggerProvider? logs = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        if (logs is not null)
            builder.Logging.AddProvider(logs);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SloBot:Discord:BotToken"] = emulator.BotToken,
            ["SloBot:Discord:ApplicationId"] = emulator.ApplicationId,
            ["SloBot:Discord:ApiBaseUrl"] = emulator.ApiBaseUrl.ToString(),
            ["SloBot:Discord:PublicKey"] = PublicKeyHex,
            ["SloBot:Discord:Mode"] = "Http",
        });
        builder.Services.AddSloBotChat().AddBudgets().AddCatalogCommand().AddReleases().AddTiers().AddDesign().AddJourneys();
        builder.Services.AddSingleton<ISloCatalog>(TestCatalog.Instance);
        builder.Services.AddSingleton<ISliSource>(_ => TestCatalog.Steady());
        builder.Services.AddDiscordTransport(builder.Configuration);
        configure?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapDiscordEndpoints();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Host(app, new Uri(address));
    }

    public sealed record Host(WebApplication App, Uri Url) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }
}
