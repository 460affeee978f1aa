using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using SloBot.Slack.Configuration;

namespace SloBot.Slack.Http;

public enum SignatureCheck
{
    Valid,
    Missing,
    Stale,
    Mismatch,
}

/// <summary>
/// Slack request signing v0: <c>v0=</c> + hex HMAC-SHA256 of <c>v0:{timestamp}:{raw body}</c> keyed with the signing
/// secret, compared in constant time; requests more than five minutes from now are refused (replays).
/// </summary>
internal sealed class SlackSignature(IOptions<SlackOptions> options, TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    public SignatureCheck Check(string? timestamp, string? signature, ReadOnlySpan<byte> body)
    {
        var secret = options.Value.SigningSecret;
        if (string.IsNullOrEmpty(secret) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
            return SignatureCheck.Missing;
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return SignatureCheck.Missing;
        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253402300799));
        if (age.Duration() > MaxAge)
            return SignatureCheck.Stale;
        var expected = Encoding.ASCII.GetBytes(Sign(secret, timestamp, body));
        var given = Encoding.ASCII.GetBytes(signature);
        return CryptographicOperations.FixedTimeEquals(expected, given) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }

    /// <summary>The <c>X-Slack-Signature</c> value for a body (also what the tests' emulator signs with).</summary>
    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"v0:{timestamp}:");
        var data = new byte[prefix.Length + body.Length];
        prefix.CopyTo(data, 0);
        body.CopyTo(data.AsSpan(prefix.Length));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), data);
        return "v0=" + Convert.ToHexStringLower(mac);
    }
}
