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
        var headers = CheckHeaders(timestamp, signature);
        if (headers != SignatureCheck.Valid)
            return headers;
        var expected = Encoding.ASCII.GetBytes(Sign(options.Value.SigningSecret!, timestamp!, body));
        var given = Encoding.ASCII.GetBytes(signature!);
        return CryptographicOperations.FixedTimeEquals(expected, given) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }

    /// <summary>What can be refused before reading the body: no secret, no or malformed headers, a stale timestamp.</summary>
    public SignatureCheck CheckHeaders(string? timestamp, string? signature)
    {
        if (string.IsNullOrEmpty(options.Value.SigningSecret) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
            return SignatureCheck.Missing;
        if (!signature.StartsWith("v0=", StringComparison.Ordinal) || signature.Length != 67)
            return SignatureCheck.Mismatch;
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return SignatureCheck.Missing;
        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253402300799));
        return age.Duration() > MaxAge ? SignatureCheck.Stale : SignatureCheck.Valid;
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
