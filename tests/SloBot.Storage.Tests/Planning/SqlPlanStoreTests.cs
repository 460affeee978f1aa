using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SloBot.Chat.Planning;
using SloBot.Core.Planning;
using SloBot.Storage.Planning;
using Xunit;

namespace SloBot.Storage.Tests.Planning;

public abstract class SqlPlanStoreTests(StorageProvider provider) : StoreTest(provider)
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
    private static readonly Quarter Q1 = new(2027, 1);

    [Fact]
    public async Task Ratings_ALaterRatingOfAKey_KeepsWhatItDoesNotSay()
    {
        await NewStore().SaveRatingsAsync(Q1, new Dictionary<string, InitiativeRating> { ["action:1"] = new(0.02, 2), ["gap:a/b"] = new(null, 1.0 / 3) }, "U1", T0, default);
        await NewStore().SaveRatingsAsync(Q1, new Dictionary<string, InitiativeRating> { ["action:1"] = new(null, 4) }, "U2", T0.AddDays(1), default);
        await NewStore().SaveRatingsAsync(Q1.Next, new Dictionary<string, InitiativeRating> { ["action:1"] = new(9, 9) }, "U2", T0, default);

        var ratings = await NewStore().RatingsAsync(Q1, default);

        Assert.Equal(new InitiativeRating(0.02, 4), ratings["action:1"]);
        Assert.Equal(new InitiativeRating(null, 1.0 / 3), ratings["gap:a/b"]); // eight bytes: 1/3 bit for bit
        Assert.Equal(2, ratings.Count);
    }

    [Fact]
    public async Task Approve_AgainForTheQuarter_ReplacesItsTargetsOnly()
    {
        var from = new DateTimeOffset(2026, 12, 31, 23, 0, 0, TimeSpan.Zero);
        var q4 = new ApprovedTarget("cart", "availability", 0.995, 0.99, "2026-Q4", from.AddMonths(-3), "plan-0", "U0", T0.AddMonths(-3));
        await NewStore().ApproveAsync(Q1.Previous, [q4], default);
        await NewStore().ApproveAsync(Q1, [new ApprovedTarget("search", "availability", 0.998, 0.999, "2027-Q1", from, "plan-1", "U1", T0)], default);
        var payment = new ApprovedTarget("payment", "availability", 0.99995, 0.999, "2027-Q1", from, "plan-2", "U2", T0.AddHours(1));

        await NewStore().ApproveAsync(Q1, [payment], default);

        Assert.Equal([q4, payment], await NewStore().ApprovedAsync(default));
    }

    private SqlPlanStore NewStore()
    {
        var options = Options.Create(new StorageOptions { ConnectionString = ConnectionString });
        var migrations = new[] { new StorageMigration(SqlPlanStore.MigrationId, SqlPlanStore.Schema) };
        return new SqlPlanStore(new Database(options, migrations, NullLogger<Database>.Instance));
    }

    public sealed class OnSqlite() : SqlPlanStoreTests(StorageProvider.Sqlite);

    public sealed class OnPostgreSql() : SqlPlanStoreTests(StorageProvider.PostgreSql);
}
