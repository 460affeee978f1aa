using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SloBot.Chat.Toil;
using SloBot.Core.Toil;
using SloBot.Storage.Toil;
using Xunit;

namespace SloBot.Storage.Tests.Toil;

public abstract class SqlToilStoreTests(StorageProvider provider) : StoreTest(provider)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AddAndList_RoundTripsEveryFieldBitForBit()
    {
        // Fractions a four-byte float would change: the store keeps eight.
        var certificates = new ToilTask("rotate certificates", 2, 1.5, ErrorProne: true, AutomationComplexity: 3);
        var restarts = new ToilTask("restart the ledger “by hand”", 0.1 + 0.2, 1.0 / 3, ErrorProne: false, AutomationComplexity: 5, AutomationEffortHours: 12.345678901234567);

        var first = await NewStore().AddAsync(certificates, "U1", T0, CancellationToken.None);
        var second = await NewStore().AddAsync(restarts, "U2", T0.AddMinutes(1), CancellationToken.None);
        var listed = await NewStore().ListAsync(CancellationToken.None); // a fresh connection factory: really from the database

        Assert.Equal([1, 2], [first.Id, second.Id]);
        Assert.Equal([first, second], listed);
        Assert.Equal(0.1 + 0.2, listed[1].Task.FrequencyPerWeek);
        Assert.Equal(T0.AddMinutes(1), listed[1].AddedAt);
    }

    [Fact]
    public async Task Remove_HidesTheTask_OnceOnly_AndItsIdIsNotReused()
    {
        var store = NewStore();
        for (var i = 1; i <= 3; i++)
            await store.AddAsync(new ToilTask($"task {i}", i, 1, false, 1), "U1", T0, CancellationToken.None);

        var removed = await store.RemoveAsync(3, "U2", T0.AddHours(1), CancellationToken.None);
        var again = await store.RemoveAsync(3, "U2", T0.AddHours(2), CancellationToken.None);
        var missing = await store.RemoveAsync(42, "U2", T0, CancellationToken.None);
        var next = await store.AddAsync(new ToilTask("task 4", 4, 1, false, 1), "U1", T0, CancellationToken.None);

        Assert.Equal("task 3", removed?.Task.Name);
        Assert.Null(again);
        Assert.Null(missing);
        Assert.Equal(4, next.Id);
        Assert.Equal([1, 2, 4], (await NewStore().ListAsync(CancellationToken.None)).Select(t => t.Id));
    }

    [Fact]
    public async Task Add_FromManyWritersAtOnce_GivesEachItsOwnId()
    {
        var store = NewStore();
        await store.ListAsync(CancellationToken.None); // migrated once, before the writers race
        var adds = Enumerable.Range(1, 8).Select(i => store.AddAsync(new ToilTask($"t{i}", 1, 1, false, 1), "U1", T0, CancellationToken.None));

        var ids = (await Task.WhenAll(adds)).Select(t => t.Id).Order().ToArray();

        Assert.Equal(Enumerable.Range(1, 8), ids);
    }

    private SqlToilStore NewStore()
    {
        var options = Options.Create(new StorageOptions { ConnectionString = ConnectionString });
        var migrations = new[] { new StorageMigration(SqlToilStore.MigrationId, SqlToilStore.Schema) };
        return new SqlToilStore(new Database(options, migrations, NullLogger<Database>.Instance));
    }

    public sealed class OnSqlite() : SqlToilStoreTests(StorageProvider.Sqlite);

    public sealed class OnPostgreSql() : SqlToilStoreTests(StorageProvider.PostgreSql);
}
