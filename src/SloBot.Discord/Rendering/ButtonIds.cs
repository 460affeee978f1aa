using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using SloBot.Chat.Delivery;

namespace SloBot.Discord.Rendering;

/// <summary>
/// A button's <c>custom_id</c> carries the <c>ReplyButton</c>'s action id and value as "action|value" (Discord
/// allows 100 characters). Longer pairs get a stable hashed id ("~" and 40 hex digits) whose action and value are
/// saved in the <see cref="IButtonValueStore"/> before the message carrying it is sent (<see cref="SaveAsync"/>, called by
/// <see cref="EmbedRenderer.RenderAsync"/>), so a click after a restart or on another replica sharing the database still
/// resolves (<see cref="ResolveAsync"/>). Saved pairs live as long as the database (never pruned: rows are tiny, and a
/// message can be clicked as long as it exists). Pairs this process encoded or looked up are also kept in memory, the
/// fast path for both directions. Without a store (tests) hashed ids are known to this process only.
/// </summary>
internal sealed class ButtonIds(IButtonValueStore? store = null)
{
    public const int MaxLength = 100;
    private const char Separator = '|';
    private const char Hashed = '~';
    private readonly ConcurrentDictionary<string, (string Action, string? Value)> _long = new(StringComparer.Ordinal);

    /// <summary>Hashed ids known to be in the store (saved or found there): not saved again.</summary>
    private readonly ConcurrentDictionary<string, bool> _stored = new(StringComparer.Ordinal);

    public string Encode(string action, string? value)
    {
        if (HashedKey(action, value) is not { } key)
            return value is null ? action : action + Separator + value;
        _long[key] = (action, value);
        return key;
    }

    /// <summary>
    /// Saves the hashed ids of <paramref name="buttons"/> not yet known to be stored. Idempotent (replicas racing save
    /// the same row); must complete before a message carrying them is sent, or a click elsewhere could not resolve it.
    /// </summary>
    public async Task SaveAsync(IEnumerable<(string Action, string? Value)> buttons, CancellationToken cancellationToken)
    {
        if (store is null)
            return;
        foreach (var (action, value) in buttons)
        {
            if (HashedKey(action, value) is not { } key || _stored.ContainsKey(key))
                continue;
            await store.SaveAsync(key, action, value, cancellationToken).ConfigureAwait(false);
            _long[key] = (action, value);
            _stored[key] = true;
        }
    }

    /// <summary>Whether <paramref name="customId"/> is a hashed id (its action and value are in the store, not in the id).</summary>
    public static bool IsHashed(string customId) => customId.StartsWith(Hashed);

    /// <summary>The action and value of a custom_id from memory; null for a hashed id this process never issued nor looked up.</summary>
    public (string Action, string? Value)? Decode(string customId)
    {
        if (IsHashed(customId))
            return _long.TryGetValue(customId, out var pair) ? pair : null;
        var at = customId.IndexOf(Separator, StringComparison.Ordinal);
        return at < 0 ? (customId, null) : (customId[..at], customId[(at + 1)..]);
    }

    /// <summary>As <see cref="Decode"/>, looking a hashed id up in the store when it is not in memory; null when it is in neither.</summary>
    public async Task<(string Action, string? Value)?> ResolveAsync(string customId, CancellationToken cancellationToken)
    {
        if (Decode(customId) is { } known)
            return known;
        if (store is null || await store.FindAsync(customId, cancellationToken).ConfigureAwait(false) is not { } found)
            return null;
        _long[customId] = (found.Action, found.Value);
        _stored[customId] = true;
        return (found.Action, found.Value);
    }

    private static string? HashedKey(string action, string? value)
    {
        var id = value is null ? action : action + Separator + value;
        if (id.Length <= MaxLength && action.IndexOf(Separator, StringComparison.Ordinal) < 0 && !IsHashed(action))
            return null;
        return Hashed + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)))[..40];
    }
}
