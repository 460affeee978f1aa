using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SloBot.Chat.Tiers;
using SloBot.Core.Tiers;
using SloBot.Storage.Tiers;
using Xunit;

namespace SloBot.Storage.Tests.Tiers;

public abstract class SqlTierAdoptionsTests(StorageProvider provider) : StoreTest(provider)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Adopt_SurvivesANewConnectionFactory_AndTheLastAdoptionWins()
    {
        await New().AdoptAsync(new TierAdoption("Payment", ServiceTier.Essential, "U1", T0), CancellationToken.None);
        await New().AdoptAsync(new TierAdoption("payment", ServiceTier.Critical, "U2", T0.AddHours(1)), CancellationToken.None);

        var found = await New().FindAsync("PAYMENT", CancellationToken.None); // a fresh Database: really from disk

        Assert.Equal(new TierAdoption("payment", ServiceTier.Critical, "U2", T0.AddHours(1)), found);
        Assert.Null(await New().FindAsync("search", CancellationToken.None));
    }

    [Fact]
    public async Task BestEffort_IsStoredInTheDocumentsSpelling()
    {
        await New().AdoptAsync(new TierAdoption("reporting", ServiceTier.BestEffort, "U1", T0), CancellationToken.None);

        Assert.Equal(ServiceTier.BestEffort, (await New().FindAsync("reporting", CancellationToken.None))!.Tier);
    }

    private SqlTierAdoptions New()
    {
        var options = Options.Create(new StorageOptions { ConnectionString = ConnectionString });
        StorageMigration[] migrations = [new(SqlTierAdoptions.MigrationId, SqlTierAdoptions.Schema, null)];
        return new SqlTierAdoptions(new Database(options, migrations, NullLogger<Database>.Instance));
    }

    public sealed class OnSqlite() : SqlTierAdoptionsTests(StorageProvider.Sqlite);

    public sealed class OnPostgres() : SqlTierAdoptionsTests(StorageProvider.PostgreSql);
}
