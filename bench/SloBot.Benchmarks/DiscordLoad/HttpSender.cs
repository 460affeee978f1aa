using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using NSec.Cryptography;

namespace SloBot.Benchmarks.DiscordLoad;

/// <summary>Discord's side of HTTP-interactions mode: signed POSTs (Ed25519 over timestamp + body), one connection each.</summary>
internal sealed class HttpSender(Uri endpoint, int connections) : IDisposable
{
    // The RFC 8032 test-1 key pair (shared/protocols/chat-protocols.md §5.4); SloBot is given the public half.
    public const string PublicKeyHex = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    private const string SeedHex = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";

    private readonly Key _key = Key.Import(SignatureAlgorithm.Ed25519, Convert.FromHexString(SeedHex), KeyBlobFormat.RawPrivateKey);
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10) }) { Timeout = TimeSpan.FromSeconds(30) };
    private int _failures;

    public int Failures => _failures;

    public async Task<bool> ReadyAsync()
    {
        try
        {
            using var response = await _http.GetAsync(new Uri(endpoint, "/readyz"));
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>Serialises and signs before the clock starts, as Discord does on its own servers.</summary>
    public Signed Sign(JsonObject interaction)
    {
        var body = interaction.ToJsonString();
        var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return new Signed(body, timestamp, Convert.ToHexStringLower(SignatureAlgorithm.Ed25519.Sign(_key, Encoding.UTF8.GetBytes(timestamp + body))));
    }

    /// <summary>Posts the interaction; <paramref name="answered"/> gets the Stopwatch time its deferral came back.</summary>
    public async Task PostAsync(Signed signed, Action<long> answered)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(signed.Body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Signature-Ed25519", signed.Signature);
        request.Headers.Add("X-Signature-Timestamp", signed.Timestamp);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
        var at = Stopwatch.GetTimestamp();
        var callback = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        if (response.StatusCode == HttpStatusCode.OK && callback?["type"]?.GetValue<int>() == 5)
            answered(at);
        else
            Interlocked.Increment(ref _failures);
    }

    public sealed record Signed(string Body, string Timestamp, string Signature);

    public void Dispose()
    {
        _http.Dispose();
        _key.Dispose();
    }
}
