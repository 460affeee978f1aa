using System.Security.Cryptography;
using System.Text;
using SloBot.Chat.Delivery;

namespace SloBot.Discord.Delivery;

/// <summary>
/// The nonce of a message SloBot creates: the first 25 hex digits (100 bits) of the SHA-256 of the intent's key, since
/// Discord takes at most 25 characters. With <c>enforce_nonce</c> Discord answers a second create with the same nonce
/// (within a few minutes) with the message already created instead of posting again.
/// </summary>
internal static class DiscordNonce
{
    public const int MaxLength = 25;

    public static string For(DeliveryIntent intent) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(intent.Key)))[..MaxLength];
}
