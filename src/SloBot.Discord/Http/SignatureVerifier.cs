using System.Text;
using NSec.Cryptography;

namespace SloBot.Discord.Http;

/// <summary>Checks Discord's <c>X-Signature-Ed25519</c> over timestamp + raw body with the application's public key.</summary>
internal sealed class SignatureVerifier
{
    /// <summary>How far <c>X-Signature-Timestamp</c> may be from now, either way (as Slack's signing allows).</summary>
    public static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(5);

    private readonly PublicKey _key;
    private readonly TimeProvider _time;

    public SignatureVerifier(string publicKeyHex, TimeProvider time)
    {
        _key = PublicKey.Import(SignatureAlgorithm.Ed25519, Convert.FromHexString(publicKeyHex), KeyBlobFormat.RawPublicKey);
        _time = time;
    }

    /// <summary>What can be refused before reading the body; null when the headers are well-formed and the timestamp is fresh.</summary>
    public string? CheckHeaders(string? signatureHex, string? timestamp)
    {
        if (signatureHex is not { Length: 128 } || !signatureHex.All(Uri.IsHexDigit))
            return "invalid request signature";
        if (!long.TryParse(timestamp, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
            return "X-Signature-Timestamp is not Unix seconds";
        var at = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253402300799));
        return (_time.GetUtcNow() - at).Duration() > MaxSkew ? "X-Signature-Timestamp is more than 5 minutes off" : null;
    }

    public bool Verify(string? signatureHex, string? timestamp, ReadOnlySpan<byte> body)
    {
        if (signatureHex is not { Length: 128 } || string.IsNullOrEmpty(timestamp) || !signatureHex.All(Uri.IsHexDigit))
            return false;
        var signature = Convert.FromHexString(signatureHex);
        var stamp = Encoding.UTF8.GetBytes(timestamp);
        var message = new byte[stamp.Length + body.Length];
        stamp.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(stamp.Length));
        return SignatureAlgorithm.Ed25519.Verify(_key, message, signature);
    }
}
