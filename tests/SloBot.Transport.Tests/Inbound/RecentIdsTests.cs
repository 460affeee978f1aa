using Microsoft.Extensions.Time.Testing;
using SloBot.Transport.Inbound;

namespace SloBot.Transport.Tests.Inbound;

public sealed class RecentIdsTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(10);
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void TryAdd_SameIdWithinTheTtl_IsADuplicate()
    {
        var ids = new RecentIds(_time, Ttl, capacity: 100);

        Assert.True(ids.TryAdd("a"));
        _time.Advance(Ttl - TimeSpan.FromSeconds(1));

        Assert.False(ids.TryAdd("a"));
        Assert.True(ids.TryAdd("b"));
    }

    [Fact]
    public void TryAdd_SameIdAfterTheTtl_IsNewAgain()
    {
        var ids = new RecentIds(_time, Ttl, capacity: 100);
        Assert.True(ids.TryAdd("a"));

        _time.Advance(Ttl);

        Assert.True(ids.TryAdd("a"));
        Assert.False(ids.TryAdd("a")); // remembered again from now
    }

    [Fact]
    public void TryAdd_AFloodOfDistinctIds_StaysWithinTheCapacity()
    {
        var ids = new RecentIds(_time, Ttl, capacity: 10);

        for (var i = 0; i < 1_000; i++)
            Assert.True(ids.TryAdd("id" + i));

        Assert.InRange(ids.Count, 1, 10);
        Assert.False(ids.TryAdd("id999")); // the newest are the ones kept
    }

    [Fact]
    public void TryAdd_AtTheCapacity_DropsExpiredIdsBeforeLiveOnes()
    {
        var ids = new RecentIds(_time, Ttl, capacity: 4);
        ids.TryAdd("old1");
        ids.TryAdd("old2");
        _time.Advance(Ttl);
        ids.TryAdd("new1");
        ids.TryAdd("new2");

        Assert.True(ids.TryAdd("new3")); // at the capacity: the two expired ids go, the live ones stay

        Assert.Equal(3, ids.Count);
        Assert.False(ids.TryAdd("new1"));
        Assert.False(ids.TryAdd("new2"));
    }

    [Fact]
    public void Constructor_NoTtlOrTinyCapacity_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RecentIds(_time, TimeSpan.Zero, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RecentIds(_time, Ttl, 1));
    }
}
