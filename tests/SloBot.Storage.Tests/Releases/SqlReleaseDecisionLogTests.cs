using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SloBot.Chat.Events;
using SloBot.Chat.Releases;
using SloBot.Core.Budgets;
using SloBot.Core.Releases;
using SloBot.Storage.Releases;
using Xunit;

namespace SloBot.Storage.Tests.Releases;

public abstract class SqlReleaseDecisionLogTests(StorageProvider provider) : StoreTest(provider)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AppendAndFind_RoundTripsTheWholeRecord()
    {
        var log = NewLog();
        var decision = Decision("R-0000000A", "payment", T0);

        await log.AppendAsync(decision, CancellationToken.None);
        var found = await NewLog().FindAsync("r-0000000a", CancellationToken.None); // a fresh connection factory: really from disk

        Assert.NotNull(found);
        Assert.Equal(JsonSerializer.Serialize(decision), JsonSerializer.Serialize(found)); // every field, lists included
        Assert.Equal(["S-ENG"], found.RequestedBy.GroupIds);
        Assert.Equal([ReleaseCondition.CanaryDeployment, ReleaseCondition.ReadyRollback], found.Conditions);
    }

    [Fact]
    public async Task List_FiltersByServiceAndSince_NewestFirst()
    {
        var log = NewLog();
        await log.AppendAsync(Decision("R-1", "payment", T0), CancellationToken.None);
        await log.AppendAsync(Decision("R-2", "Checkout", T0.AddHours(1)), CancellationToken.None);
        await log.AppendAsync(Decision("R-3", "payment", T0.AddDays(2)), CancellationToken.None);

        Assert.Equal(["R-3", "R-2", "R-1"], (await log.ListAsync(null, null, CancellationToken.None)).Select(d => d.Id));
        Assert.Equal(["R-3", "R-1"], (await log.ListAsync("PAYMENT", null, CancellationToken.None)).Select(d => d.Id));
        Assert.Equal(["R-3", "R-2"], (await log.ListAsync(null, T0.AddMinutes(1), CancellationToken.None)).Select(d => d.Id));
        Assert.Equal(["R-3"], (await log.ListAsync(null, null, CancellationToken.None, limit: 1)).Select(d => d.Id));
    }

    [Fact]
    public async Task RecordOverride_FirstWins_ReviewRequestKept()
    {
        var log = NewLog();
        await log.AppendAsync(Decision("R-9", "payment", T0), CancellationToken.None);
        var owner = new ChatUser("U-OWNER", "Olivia");
        var first = new ReleaseOverride(owner, "hotfix for INC-2041", T0.AddMinutes(5), new ConversationKey("slack", "C2", "171.5"));

        Assert.True(await log.RecordReviewRequestAsync("R-9", new ReleaseReviewRequest(new ChatUser("U-DEV"), T0.AddMinutes(1)), CancellationToken.None));
        Assert.True(await log.RecordOverrideAsync("R-9", first, CancellationToken.None));
        Assert.False(await log.RecordOverrideAsync("R-9", first with { Reason = "second" }, CancellationToken.None));
        Assert.False(await log.RecordOverrideAsync("R-404", first, CancellationToken.None));

        var stored = (await log.FindAsync("R-9", CancellationToken.None))!;
        Assert.Equal(first, stored.Override);
        Assert.Equal(T0.AddMinutes(1), stored.ReviewRequest!.At);
        Assert.Equal(ReleaseAction.Approve, stored.EffectiveAction);
    }

    [Fact]
    public async Task RecordOverride_ApprovalKeepsTheRole_OlderOverrideReadsAsSloOwner()
    {
        var log = NewLog();
        await log.AppendAsync(Decision("R-10", "payment", T0), CancellationToken.None);
        await log.AppendAsync(Decision("R-11", "payment", T0), CancellationToken.None);
        var approval = new ReleaseOverride(new ChatUser("U-PM"), "the launch is worth it", T0.AddMinutes(5), new ConversationKey("slack", "C2")) { Role = "productManager" };

        Assert.True(await log.RecordOverrideAsync("R-10", approval, CancellationToken.None));
        Assert.True(await log.RecordOverrideAsync("R-11", approval with { Role = null }, CancellationToken.None));

        var approved = (await NewLog().FindAsync("R-10", CancellationToken.None))!.Override!;
        var older = (await NewLog().FindAsync("R-11", CancellationToken.None))!.Override!;
        Assert.Equal(("productManager", "productManager"), (approved.Role, approved.RoleKey));
        Assert.Equal((null, "sloOwner"), (older.Role, older.RoleKey));
    }

    private SqlReleaseDecisionLog NewLog()
    {
        var options = Options.Create(new StorageOptions { ConnectionString = ConnectionString });
        var migrations = new[] { new StorageMigration(SqlReleaseDecisionLog.MigrationId, SqlReleaseDecisionLog.Schema) };
        return new SqlReleaseDecisionLog(new Database(options, migrations, NullLogger<Database>.Instance));
    }

    private static ReleaseDecisionRecord Decision(string id, string service, DateTimeOffset at) => new(
        id,
        service,
        "v1.5.0",
        at,
        new ChatUser("U-DEV", "Dana", ["S-ENG"]),
        new ConversationKey("discord", "123", null),
        new ReleaseInfo(1200, false, true, false, 72.5),
        6,
        RiskLevel.High,
        new BudgetSnapshot(BudgetStatus.Critical, 0.097, "availability", [new SloBudgetSnapshot("availability", 0.999, "30d", BudgetStatus.Critical, 0.097, 719_350, 720_000)]),
        ReleaseAction.Block,
        [ReleaseCondition.CanaryDeployment, ReleaseCondition.ReadyRollback],
        "9.7 % of the budget left (critical) and a high-risk release → block");

    public sealed class OnSqlite() : SqlReleaseDecisionLogTests(StorageProvider.Sqlite);

    public sealed class OnPostgres() : SqlReleaseDecisionLogTests(StorageProvider.PostgreSql);
}
