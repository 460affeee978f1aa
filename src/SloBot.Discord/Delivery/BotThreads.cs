using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using SloBot.Discord.Inbound;

namespace SloBot.Discord.Delivery;

/// <summary>
/// The threads SloBot started (thread id → parent channel, and the guild for links): those it created itself, and
/// those Discord reports (THREAD_CREATE, GUILD_CREATE's active threads) with the bot as owner — so they survive a restart.
/// </summary>
internal sealed class BotThreads
{
    private readonly ConcurrentDictionary<string, string> _parents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _guilds = new(StringComparer.Ordinal);

    /// <summary>The bot's own user id, from READY.</summary>
    public string? BotUserId { get; set; }

    public void Add(string threadId, string parentId, string? guildId = null)
    {
        _parents[threadId] = parentId;
        if (guildId is not null)
            _guilds[threadId] = guildId;
    }

    /// <summary>Discord's link to a thread SloBot knows the guild of: <c>https://discord.com/channels/{guild}/{thread}</c>.</summary>
    public string? LinkTo(string threadId) =>
        _guilds.TryGetValue(threadId, out var guild) ? $"https://discord.com/channels/{guild}/{threadId}" : null;

    public bool TryGetParent(string threadId, out string parentId) => _parents.TryGetValue(threadId, out parentId!);

    /// <summary>A channel object from THREAD_CREATE or GUILD_CREATE: remembered when the bot owns the thread.</summary>
    public void Observe(JsonNode? channel)
    {
        if (InteractionParser.Int(channel?["type"]) is 10 or 11 or 12
            && InteractionParser.Str(channel?["owner_id"]) is { } owner && owner == BotUserId
            && InteractionParser.Str(channel?["id"]) is { } id && InteractionParser.Str(channel?["parent_id"]) is { } parent)
            Add(id, parent, InteractionParser.Str(channel?["guild_id"]));
    }
}
