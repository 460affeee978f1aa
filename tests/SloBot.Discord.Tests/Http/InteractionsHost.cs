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
using SloBot.Chat.Budgets;
using SloBot.Chat.Catalog;
using SloBot.Chat.Releases;
using SloBot.Chat.Tiers;
using SloBot.Chat.Design;
using SloBot.Chat.Journeys;

namespace SloBot.Discord.Tests.Http;

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
        builder.Services.AddSingleton<ISliSource, SteadySliSource>();
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
