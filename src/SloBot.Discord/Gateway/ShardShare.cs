namespace SloBot.Discord.Gateway;

/// <summary>
/// What a replica does with the lease table it just renewed: keep its own shards, give up those above its fair share
/// (<c>ceil(shards ÷ live replicas)</c>, highest ids first), and try the free or expired ones below it (lowest first).
/// </summary>
internal static class ShardShare
{
    public static int FairShare(int shards, int liveReplicas) => (shards + Math.Max(1, liveReplicas) - 1) / Math.Max(1, liveReplicas);

    /// <param name="mine">Shards this replica holds now.</param>
    /// <param name="heldByOthers">Shards whose lease another owner holds and has not expired.</param>
    public static (int[] GiveUp, int[] TryTake) Plan(int shards, int liveReplicas, IReadOnlySet<int> mine, IReadOnlySet<int> heldByOthers)
    {
        var share = FairShare(shards, liveReplicas);
        if (mine.Count > share)
            return ([.. mine.OrderDescending().Take(mine.Count - share)], []);
        var free = Enumerable.Range(0, shards).Where(s => !mine.Contains(s) && !heldByOthers.Contains(s)).ToArray();
        return ([], free);
    }
}
