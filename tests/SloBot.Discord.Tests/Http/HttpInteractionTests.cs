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
using SloBot.Core.Catalog;
using SloBot.Core.Sli;
using SloBot.Discord.Http;
using SloBot.Discord.Tests.Emulator;

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
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!emulator.ResponsesTo(interaction).Any(r => r.Method == "PATCH") && watch.Elapsed < TimeSpan.FromSeconds(10))
            await Task.Delay(5);
        var edit = Assert.Single(emulator.ResponsesTo(interaction), r => r.Method == "PATCH");
        Assert.Equal("Error budget · payment", edit.Body!["embeds"]![0]!["title"]!.GetValue<string>());
    }
}
