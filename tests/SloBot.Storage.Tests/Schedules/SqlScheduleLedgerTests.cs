using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SloBot.Chat.Schedules;
using SloBot.Storage.Schedules;
using Xunit;

namespace SloBot.Storage.Tests.Schedules;

public abstract class SqlScheduleLedgerTests(StorageProvider provider) : StoreTest(provider)
{
    private static readonly DateTimeOffset Monday9 = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task OneClaimWins_AmongReplicas_AndTheOutcomeSurvivesARestart()
    {
        var replicas = Enumerable.Range(0, 8).Select(_ => New()).ToArray();

        var claims = await Task.WhenAll(replicas.Select(r => r.TryClaimAsync("weekly-review", Monday9, Monday9, CancellationToken.None)));

        Assert.Single(claims, c => c);
        await replicas[Array.IndexOf(claims, true)].CompleteAsync("weekly-review", Monday9, ScheduleRunStatus.Posted, "1700000000.000100", Monday9.AddSeconds(2), CancellationToken.None);
        var restarted = New();
        Assert.Equal(Monday9, await restarted.LastAsync("weekly-review", CancellationToken.None));
        Assert.Null(await restarted.LastAsync("executives", CancellationToken.None));
        Assert.False(await restarted.TryClaimAsync("weekly-review", Monday9, Monday9.AddHours(1), CancellationToken.None)); // posted: never again
        var run = Assert.Single(await restarted.RecentAsync("weekly-review", 5, CancellationToken.None));
        Assert.Equal(new ScheduleRun("weekly-review", Monday9, ScheduleRunStatus.Posted, "1700000000.000100", Monday9.AddSeconds(2)), run);
    }

    [Fact]
    public async Task AClaimLeftByADeadProcess_IsTakenOverOnlyOnceStale_AReleasedOneAtOnce()
    {
        var ledger = New();
        Assert.True(await ledger.TryClaimAsync("engineering", Monday9, Monday9, CancellationToken.None));

        Assert.False(await New().TryClaimAsync("engineering", Monday9, Monday9.AddMinutes(9), CancellationToken.None));
        Assert.True(await New().TryClaimAsync("engineering", Monday9, Monday9 + IScheduleLedger.StaleClaim, CancellationToken.None));
        Assert.False(await New().TryClaimAsync("engineering", Monday9, Monday9 + IScheduleLedger.StaleClaim, CancellationToken.None)); // just renewed

        await ledger.ReleaseAsync("engineering", Monday9, CancellationToken.None);
        Assert.True(await New().TryClaimAsync("engineering", Monday9, Monday9.AddMinutes(11), CancellationToken.None));
    }

    private SqlScheduleLedger New()
    {
        var options = Options.Create(new StorageOptions { ConnectionString = ConnectionString });
        StorageMigration[] migrations = [new(SqlScheduleLedger.MigrationId, SqlScheduleLedger.Schema)];
        return new SqlScheduleLedger(new Database(options, migrations, NullLogger<Database>.Instance));
    }

    public sealed class OnSqlite() : SqlScheduleLedgerTests(StorageProvider.Sqlite);

    public sealed class OnPostgres() : SqlScheduleLedgerTests(StorageProvider.PostgreSql);
}
