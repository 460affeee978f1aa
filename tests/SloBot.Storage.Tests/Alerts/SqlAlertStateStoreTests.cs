using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SloBot.Chat.Alerts;
using SloBot.Storage.Alerts;
using Xunit;

namespace SloBot.Storage.Tests.Alerts;

public abstract class SqlAlertStateStoreTests(StorageProvider provider) : StoreTest(provider)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task EachChange_IsWonByOneReplica_AndSurvivesARestart()
    {
        var replicas = Enumerable.Range(0, 6).Select(_ => New()).ToArray();
        var page = new AlertState("payment/availability", "page", T0, null);

        var won = await Task.WhenAll(replicas.Select(r => r.TryChangeAsync(null, page, CancellationToken.None)));
        Assert.Single(won, w => w);
        await replicas[0].SetMessageAsync("payment/availability", "1700000000.000200", CancellationToken.None);

        var ok = new AlertState("payment/availability", "ok", T0.AddMinutes(20), null);
        Assert.False(await New().TryChangeAsync("ticket", ok, CancellationToken.None)); // it is not a ticket
        won = await Task.WhenAll(replicas.Select(r => r.TryChangeAsync("page", ok, CancellationToken.None)));
        Assert.Single(won, w => w);

        Assert.Equal([ok], await New().AllAsync(CancellationToken.None)); // the new state, its message not yet posted

        // Both changes are in the history, once each (the lost swaps wrote nothing), also after the page recovered.
        var changes = await New().ChangesAsync(T0, T0.AddHours(1), CancellationToken.None);
        Assert.Equal([("page", T0), ("ok", T0.AddMinutes(20))], changes.Select(c => (c.Severity, c.Since)));
        Assert.Equal([page with { Severity = "page" }], await New().ChangesAsync(T0.AddMinutes(-5), T0.AddMinutes(5), CancellationToken.None));
    }

    private SqlAlertStateStore New()
    {
        var options = Options.Create(new StorageOptions { ConnectionString = ConnectionString });
        StorageMigration[] migrations = [new(SqlAlertStateStore.MigrationId, SqlAlertStateStore.Schema), new(SqlAlertStateStore.HistoryMigrationId, SqlAlertStateStore.HistorySchema)];
        return new SqlAlertStateStore(new Database(options, migrations, NullLogger<Database>.Instance));
    }

    public sealed class OnSqlite() : SqlAlertStateStoreTests(StorageProvider.Sqlite);

    public sealed class OnPostgres() : SqlAlertStateStoreTests(StorageProvider.PostgreSql);
}
