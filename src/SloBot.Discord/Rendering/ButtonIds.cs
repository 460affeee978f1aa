using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace SloBot.Discord.Rendering;

/// <summary>
/// A button's <c>custom_id</c> carries the <c>ReplyButton</c>'s action id and value as "action|value" (Discord
/// allows 100 characters). Longer pairs get a stable hashed id remembered in memory, so they survive until restart.
/// </summary>
internal sealed class ButtonIds
{
    public const int MaxLength = 100;
    private const char Separator = '|';
    private readonly ConcurrentDictionary<string, (string Action, string? Value)> _long = new();

    public string Encode(string action, string? value)
    {
        var id = value is null ? action : action + Separator + value;
        if (id.Length <= MaxLength && action.IndexOf(Separator, StringComparison.Ordinal) < 0)
            return id;
        var key = "~" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)))[..40];
        _long[key] = (action, value);
        return key;
    }

    /// <summary>The action and value of a custom_id; null for a hashed id this process never issued.</summary>
    public (string Action, string? Value)? Decode(string customId)
    {
        if (customId.StartsWith('~'))
            return _long.TryGetValue(customId, out var pair) ? pair : null;
        var at = customId.IndexOf(Separator, StringComparison.Ordinal);
        return at < 0 ? (customId, null) : (customId[..at], customId[(at + 1)..]);
    }
}
