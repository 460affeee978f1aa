using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SloBot.Chat.Documents;
using SloBot.Storage.Documents;
using SloBot.Storage.Retrospectives;
using SloBot.Storage.Reviews;
using Xunit;

namespace SloBot.Storage.Tests.Documents;

public abstract class SqlPublishedDocumentStoreTests(StorageProvider provider) : StoreTest(provider)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A kind that did not exist before: its table from <see cref="DocumentTable.Schema"/>, listed by publication.</summary>
    private static readonly DocumentTable Plans = new("plan", "quarterly_plans", "quarter");

    private static readonly DocumentTable Retros = new("retro", "retrospectives", "incident_id", "started_at");

    [Fact]
    public async Task Save_SameIdAgain_Replaces_AndFindTakesIdOrTitleWithoutCase()
    {
        var store = New();
        await store.SaveAsync("retro", new("retro-1", "INC-7", T0, T0.AddHours(2), """{"v":1}"""), default);
        await store.SaveAsync("retro", new("retro-1", "INC-7", T0, T0.AddHours(3), """{"v":2}"""), default);
        await store.SaveAsync("retro", new("retro-2", "INC-7", T0.AddDays(1), T0.AddDays(1), """{"v":3}"""), default);

        Assert.Equal("""{"v":2}""", (await New().FindAsync("retro", "retro-1", default))!.Json);
        Assert.Equal("retro-2", (await New().FindAsync("retro", "inc-7", default))!.Id); // the newest publication of that incident
        Assert.Null(await New().FindAsync("retro", "INC-8", default));
        Assert.Null(await New().FindAsync("plan", "retro-1", default)); // kinds do not see each other
    }

    [Fact]
    public async Task List_GoesByTheStartColumn_OrByPublicationWithoutOne()
    {
        var store = New();
        await store.SaveAsync("retro", new("retro-b", "INC-2", T0.AddDays(2), T0.AddDays(9), "{}"), default);
        await store.SaveAsync("retro", new("retro-a", "INC-1", T0, T0.AddDays(10), "{}"), default);
        await store.SaveAsync("retro", new("retro-c", "INC-3", T0.AddDays(7), T0.AddDays(7), "{}"), default);
        await store.SaveAsync("plan", new("plan-1", "2027-Q1", T0.AddDays(3), T0.AddDays(3), "{}"), default);

        Assert.Equal(["retro-a", "retro-b"], (await New().ListAsync("retro", T0, T0.AddDays(7), default)).Select(d => d.Id));
        var plan = Assert.Single(await New().ListAsync("plan", T0.AddDays(3), T0.AddDays(4), default));
        Assert.Equal(("2027-Q1", T0.AddDays(3)), (plan.Title, plan.Start));
    }

    [Fact]
    public async Task UnregisteredKind_IsAConfigurationError_NamingTheKind()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => New().SaveAsync("toil", new("t-1", "x", T0, T0, "{}"), default));

        Assert.Contains("`toil`", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DocumentTable_RefusesNamesThatAreNotPlainIdentifiers() =>
        Assert.Throws<ArgumentException>(() => new DocumentTable("x", "plans; DROP TABLE retrospectives", "title"));

    private SqlPublishedDocumentStore New()
    {
        var options = Options.Create(new StorageOptions { ConnectionString = ConnectionString });
        StorageMigration[] migrations = [new(RetrospectiveStorage.MigrationId, RetrospectiveStorage.Schema), new("plans/001_quarterly_plans", Plans.Schema), new(ReviewStorage.MigrationId, ReviewStorage.Schema)];
        return new SqlPublishedDocumentStore(new Database(options, migrations, NullLogger<Database>.Instance), [Retros, Plans]);
    }

    public sealed class OnSqlite() : SqlPublishedDocumentStoreTests(StorageProvider.Sqlite);

    public sealed class OnPostgres() : SqlPublishedDocumentStoreTests(StorageProvider.PostgreSql);
}
