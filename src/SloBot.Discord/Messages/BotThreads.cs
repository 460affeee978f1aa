using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using SloBot.Discord.Interactions;

namespace SloBot.Discord.Messages;

/// <summary>
/// The threads SloBot started (thread id → parent channel): those it created itself, and those Discord reports
/// (THREAD_CREATE, GUILD_CREATE's active threads) with the bot as owner — so they survive a restart.
/// </summary>
internal sealed class BotThreads
{
    private readonly ConcurrentDictionary<string, string> _parents = new(StringComparer.Ordinal);

    /// <summary>The bot's own user id, from READY.</summary>
    public string? BotUserId { get; set; }

    public void Add(string threadId, string parentId) => _parents[threadId] = parentId;

    public bool TryGetParent(string threadId, out string parentId) => _parents.TryGetValue(threadId, out parentId!);

    /// <summary>A channel object from THREAD_CREATE or GUILD_CREATE: remembered when the bot owns the thread.</summary>
    public void Observe(JsonNode? channel)
    {
        if (InteractionParser.Int(channel?["type"]) is 10 or 11 or 12
            && InteractionParser.Str(channel?["owner_id"]) is { } owner && owner == BotUserId
            && InteractionParser.Str(channel?["id"]) is { } id && InteractionParser.Str(channel?["parent_id"]) is { } parent)
            Add(id, parent);
    }
}
