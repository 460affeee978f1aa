using System.Text.Json.Nodes;
using SloBot.Discord.Gateway;

namespace SloBot.Discord.Tests.Gateway;

public sealed class ShardShareTests
{
    [Theory]
    [InlineData(4, 1, 4)]
    [InlineData(4, 2, 2)]
    [InlineData(5, 2, 3)]
    [InlineData(1, 3, 1)]
    [InlineData(3, 0, 3)] // no heartbeat seen yet: this replica alone
    public void FairShare_IsTheCeilingOfShardsOverLiveReplicas(int shards, int live, int share) =>
        Assert.Equal(share, ShardShare.FairShare(shards, live));

    [Fact]
    public void Plan_AboveTheShare_GivesUpTheHighestIds_AndTakesNothing()
    {
        var (giveUp, tryTake) = ShardShare.Plan(4, 2, new HashSet<int> { 0, 1, 2, 3 }, new HashSet<int>());

        Assert.Equal([3, 2], giveUp);
        Assert.Empty(tryTake);
    }

    [Fact]
    public void Plan_BelowTheShare_TriesTheShardsNobodyLiveHolds_LowestFirst()
    {
        var (giveUp, tryTake) = ShardShare.Plan(4, 2, new HashSet<int> { 2 }, new HashSet<int> { 0 });

        Assert.Empty(giveUp);
        Assert.Equal([1, 3], tryTake);
    }

    [Theory]
    [InlineData("""{"url":"wss://gateway.discord.gg","shards":3,"session_start_limit":{"total":1000,"remaining":990,"reset_after":5000,"max_concurrency":16}}""", 3, 16, 990)]
    [InlineData("""{"url":"wss://g","shards":0,"session_start_limit":{"max_concurrency":-1}}""", 1, 1, 1)]
    [InlineData("""{"url":"wss://g","shards":"4","session_start_limit":[1,2]}""", 1, 1, 1)]
    [InlineData("""{"url":"wss://g","shards":1e300,"session_start_limit":{"reset_after":"soon","remaining":null}}""", 1, 1, 1)]
    public void GatewayBotRead_AnyShape_TakesSafeDefaults(string json, int shards, int concurrency, int remaining)
    {
        var bot = GatewayBot.Read(JsonNode.Parse(json))!;

        Assert.Equal((shards, concurrency, remaining), (bot.Shards, bot.MaxConcurrency, bot.Remaining));
    }

    [Theory]
    [InlineData("""{"shards":2}""")]
    [InlineData("""{"url":7}""")]
    [InlineData("""[]""")]
    [InlineData("""null""")]
    public void GatewayBotRead_WithoutAUrl_IsNull(string json) =>
        Assert.Null(GatewayBot.Read(JsonNode.Parse(json)));
}
