using System.Text;
using NSec.Cryptography;

namespace SloBot.Discord.Http;

/// <summary>Checks Discord's <c>X-Signature-Ed25519</c> over timestamp + raw body with the application's public key.</summary>
internal sealed class SignatureVerifier
{
    private readonly PublicKey _key;

    public SignatureVerifier(string publicKeyHex)
    {
        _key = PublicKey.Import(SignatureAlgorithm.Ed25519, Convert.FromHexString(publicKeyHex), KeyBlobFormat.RawPublicKey);
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
