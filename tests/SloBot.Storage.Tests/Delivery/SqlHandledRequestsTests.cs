using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SloBot.Storage.Delivery;
using Xunit;

namespace SloBot.Storage.Tests.Delivery;

public abstract class SqlHandledRequestsTests(StorageProvider provider) : StoreTest(provider)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task OneClaimWins_AmongReplicas_AndARestartStillRefusesTheReplay()
    {
        var replicas = Enumerable.Range(0, 8).Select(_ => New()).ToArray();

        var claims = await Task.WhenAll(replicas.Select(r => r.TryClaimAsync("discord:1", Now, Now.AddMinutes(10), CancellationToken.None)));

        Assert.Single(claims, c => c);
        Assert.False(await New().TryClaimAsync("discord:1", Now.AddMinutes(9), Now.AddMinutes(19), CancellationToken.None));
        Assert.True(await New().TryClaimAsync("discord:2", Now.AddMinutes(9), Now.AddMinutes(19), CancellationToken.None));
    }

    [Fact]
    public async Task AnIdIsForgottenOnceItsWindowEnds()
    {
        var store = New();
        Assert.True(await store.TryClaimAsync("discord:7", Now, Now.AddMinutes(10), CancellationToken.None));

        Assert.False(await store.TryClaimAsync("discord:7", Now.AddMinutes(10).AddTicks(-TimeSpan.TicksPerMillisecond), Now.AddMinutes(20), CancellationToken.None));
        Assert.True(await store.TryClaimAsync("discord:7", Now.AddMinutes(10), Now.AddMinutes(20), CancellationToken.None));
    }

    private SqlHandledRequests New()
    {
        var options = Options.Create(new StorageOptions { ConnectionString = ConnectionString });
        StorageMigration[] migrations = [new(SqlHandledRequests.MigrationId, SqlHandledRequests.Schema)];
        return new SqlHandledRequests(new Database(options, migrations, NullLogger<Database>.Instance));
    }

    public sealed class OnSqlite() : SqlHandledRequestsTests(StorageProvider.Sqlite);

    public sealed class OnPostgres() : SqlHandledRequestsTests(StorageProvider.PostgreSql);
}
