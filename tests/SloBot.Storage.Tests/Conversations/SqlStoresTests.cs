using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SloBot.Chat.ActionItems;
using SloBot.Chat.Conversations;
using SloBot.Chat.Events;
using SloBot.Chat.Tests.Conversations;
using Xunit;

namespace SloBot.Storage.Tests.Conversations;

public abstract class SqlStoresTests(StorageProvider provider) : StoreTest(provider)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private StoredHost? _stored;

    private StoredHost Host => _stored ??= new StoredHost(ConnectionString, new FakeTimeProvider(Now), new FakeTransport());

    [Fact]
    public void Store_IsTheSqlOne_OnTheProviderUnderTest()
    {
        Assert.Equal(Provider, new StorageOptions { ConnectionString = ConnectionString }.Provider);
        Assert.Equal("SqlConversationStore", Host.Store.GetType().Name);
        Assert.Equal("SqlActionItemStore", Host.Services.GetRequiredService<IActionItemStore>().GetType().Name);
    }

    [Fact]
    public async Task TryUpdate_WithStaleVersion_IsRefused()
    {
        var record = Record("c1", new ConversationKey("slack", "C1", "t1"));
        Assert.True(await Host.Store.CreateAsync(record, default));

        Assert.True(await Host.Store.TryUpdateAsync(record with { State = "b" }, default));
        Assert.False(await Host.Store.TryUpdateAsync(record with { State = "c" }, default)); // still version 0: lost the race

        var stored = await Host.Store.GetAsync("c1", default);
        Assert.Equal(("b", 1L), (stored!.State, stored.Version));
    }

    [Fact]
    public async Task Create_SecondActiveInSameThread_IsRefused_ButAfterCompletionAllowed()
    {
        var thread = new ConversationKey("discord", "G1", "th9");
        Assert.True(await Host.Store.CreateAsync(Record("c1", thread), default));
        Assert.False(await Host.Store.CreateAsync(Record("c2", thread), default));

        var c1 = await Host.Store.GetAsync("c1", default);
        Assert.True(await Host.Store.TryUpdateAsync(c1! with { State = FlowStates.Completed }, default));
        Assert.True(await Host.Store.CreateAsync(Record("c3", thread), default));
        Assert.Equal("c3", (await Host.Store.FindActiveAsync(thread, default))!.Id);
    }

    [Fact]
    public async Task FindLatest_FindsTheNewestConversationOfTheThread_FinishedOrNot()
    {
        var thread = new ConversationKey("slack", "C1", "t7");
        Assert.True(await Host.Store.CreateAsync(Record("c1", thread), default));
        Assert.True(await Host.Store.CreateAsync(Record("c0", new ConversationKey("slack", "C1", "t8")) with { CreatedAt = Now.AddHours(2) }, default));
        var c1 = await Host.Store.GetAsync("c1", default);
        Assert.True(await Host.Store.TryUpdateAsync(c1! with { State = FlowStates.Completed }, default));

        Assert.Null(await Host.Store.FindActiveAsync(thread, default));
        Assert.Equal("c1", (await Host.Store.FindLatestAsync(thread, default))!.Id);

        Assert.True(await Host.Store.CreateAsync(Record("c2", thread) with { CreatedAt = Now.AddHours(1) }, default));
        Assert.Equal("c2", (await Host.Store.FindLatestAsync(thread, default))!.Id);
        Assert.Null(await Host.Store.FindLatestAsync(new ConversationKey("slack", "C1", "t9"), default));
    }

    [Fact]
    public async Task Record_RoundTrips_IncludingNullThreadAndReminder()
    {
        var record = Record("c1", new ConversationKey("console", "terminal")) with { RemindedAt = Now.AddHours(1), Link = "https://x/y" };
        await Host.Store.CreateAsync(record, default);

        var stored = await Host.Store.GetAsync("c1", default);

        Assert.Equal(record, stored);
    }

    [Fact]
    public async Task ActionItems_AddIsIdempotent_IdsAreSmallNumbers()
    {
        var store = Host.Services.GetRequiredService<IActionItemStore>();
        NewActionItem[] items = [new(0, "Add alerting", "@alice", new DateOnly(2026, 11, 27), ActionHorizon.ThisWeek), new(1, "Canary", "@dave", null, ActionHorizon.ThisMonth)];

        var first = await store.AddAsync("retro-1", "INC-1", items, Now, default);
        var again = await store.AddAsync("retro-1", "INC-1", items, Now, default);
        var other = await store.AddAsync("retro-2", "INC-2", [items[0]], Now, default);

        Assert.Equal([1, 2], first.Select(i => i.Id));
        Assert.Equal(first, again);
        Assert.Equal(3, other.Single().Id);
        Assert.True(await store.MarkDoneAsync(1, "U1", Now, default));
        Assert.False(await store.MarkDoneAsync(1, "U1", Now, default));
        Assert.Equal([2, 3], (await store.ListAsync(openOnly: true, default)).Select(i => i.Id));
    }

    private static ConversationRecord Record(string id, ConversationKey key) =>
        new(id, key, "demo", 1, "a", """{"x":1}""", "T", "U1", Now, Now);

    public override Task DisposeAsync()
    {
        _stored?.Dispose();
        return base.DisposeAsync();
    }

    public sealed class OnSqlite() : SqlStoresTests(StorageProvider.Sqlite);

    public sealed class OnPostgres() : SqlStoresTests(StorageProvider.PostgreSql);
}
