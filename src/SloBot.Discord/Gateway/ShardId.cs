using System.Globalization;

namespace SloBot.Discord.Gateway;

/// <summary>One Gateway shard: <c>shard: [Id, Count]</c> in Identify. Discord sends a guild's events to shard <c>(guild_id &gt;&gt; 22) % Count</c>.</summary>
internal readonly record struct ShardId(int Id, int Count)
{
    /// <summary>Shards whose ids share <c>Id % max_concurrency</c> identify at most once per 5 seconds, across all replicas.</summary>
    public int Bucket(int maxConcurrency) => Id % Math.Max(1, maxConcurrency);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Id}/{Count}");
}
