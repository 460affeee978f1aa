using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SloBot.Chat.Delivery;
using SloBot.Storage.Delivery;
using Xunit;

namespace SloBot.Storage.Tests.Delivery;

/// <summary>Long button values: saved once by any replica, found by every other and after a restart — on SQLite and PostgreSQL.</summary>
public abstract class SqlButtonValueStoreTests(StorageProvider provider) : StoreTest(provider)
{
    private static readonly string LongValue = "retro start --incident INC-2041 --services payment,checkout --window 2026-11-20T14:00Z/2026-11-20T16:15Z";

    [Fact]
    public async Task Saved_IsFoundByAnotherReplica_WithItsValueOrNone()
    {
        await New().SaveAsync("~a1", "retro.start", LongValue, CancellationToken.None);
        await New().SaveAsync("~b2", "release.approve|x", null, CancellationToken.None);

        Assert.Equal(new ButtonValue("retro.start", LongValue), await New().FindAsync("~a1", CancellationToken.None));
        Assert.Equal(new ButtonValue("release.approve|x", null), await New().FindAsync("~b2", CancellationToken.None));
        Assert.Null(await New().FindAsync("~never", CancellationToken.None));
    }

    [Fact]
    public async Task SameKeySavedTwice_AndByRacingReplicas_IsNoError_AndTheFirstRowStays()
    {
        var store = New();
        await store.SaveAsync("~k", "conversation.answer", LongValue, CancellationToken.None);
        await store.SaveAsync("~k", "conversation.answer", LongValue, CancellationToken.None);
        await New().SaveAsync("~k", "conversation.answer", "a later value for the same key", CancellationToken.None);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => New().SaveAsync("~k", "conversation.answer", LongValue, CancellationToken.None)));
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => New().SaveAsync("~race", "conversation.answer", $"{LongValue} #{i}", CancellationToken.None)));

        Assert.Equal(new ButtonValue("conversation.answer", LongValue), await New().FindAsync("~k", CancellationToken.None));
        var raced = await New().FindAsync("~race", CancellationToken.None);
        Assert.Contains(raced!.Value, Enumerable.Range(0, 8).Select(i => $"{LongValue} #{i}"));
    }

    private SqlButtonValueStore New()
    {
        var options = Options.Create(new StorageOptions { ConnectionString = ConnectionString });
        StorageMigration[] migrations = [new(SqlButtonValueStore.MigrationId, SqlButtonValueStore.Schema)];
        return new SqlButtonValueStore(new Database(options, migrations, NullLogger<Database>.Instance));
    }

    public sealed class OnSqlite() : SqlButtonValueStoreTests(StorageProvider.Sqlite);

    public sealed class OnPostgres() : SqlButtonValueStoreTests(StorageProvider.PostgreSql);
}
