using System.Runtime.CompilerServices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using SloBot.Chat.Documents;
using SloBot.Chat.Releases;
using SloBot.Chat.Tiers;
using SloBot.Core.Releases;
using SloBot.Core.Tiers;
using Xunit;

namespace SloBot.Storage.Tests.Migrations;

/// <summary>
/// Databases written by main's own binary at 8cfa48a (testdata/README.md says how), opened by this version: the
/// per-capability migrations are recorded over main's global ids without running, main's release decision reads back,
/// and every capability's tables take new rows.
/// </summary>
public abstract class MainDatabaseUpgradeTests(StorageProvider provider, string decisionId) : StoreTest(provider)
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 5, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task DatabaseMadeByMainsBinary_OpensAndKeepsWorking()
    {
        await RestoreAsync();
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["SloBot:Storage:ConnectionString"] = ConnectionString }).Build();
        await using var services = new ServiceCollection().AddLogging().AddSloBotStorage(config).BuildServiceProvider();

        await services.GetRequiredService<Database>().MigrateAsync(CancellationToken.None);

        var decision = await services.GetRequiredService<IReleaseDecisionLog>().FindAsync(decisionId, CancellationToken.None);
        Assert.Equal(("payment", "v1.5.0", ReleaseAction.Defer), (decision!.Service, decision.Version, decision.Action));
        await services.GetRequiredService<ITierAdoptions>().AdoptAsync(new TierAdoption("payment", ServiceTier.Critical, "U1", T0), CancellationToken.None);
        Assert.NotNull(await services.GetRequiredService<ITierAdoptions>().FindAsync("payment", CancellationToken.None));
        var documents = services.GetRequiredService<IPublishedDocumentStore>();
        await documents.SaveAsync("retro", new StoredDocument("retro-1", "INC-1", T0, T0, "{}"), CancellationToken.None);
        await documents.SaveAsync("review", new StoredDocument("review-1", "2026-12-07", T0, T0, "{}"), CancellationToken.None);
        Assert.Equal("retro-1", (await documents.FindAsync("retro", "inc-1", CancellationToken.None))!.Id);

        var applied = await AppliedAsync();
        Assert.Equal(23, applied.Count); // main's six and the seventeen per-capability ids (alerts/002_alert_changes, toil/001_toil_tasks, planning's two, delivery/002_outbox, delivery/003_inbox, delivery/004_button_values and leases/001_partition_leases are new)
        Assert.Contains("005_conversations", applied);
        Assert.Contains("conversations/001_conversations", applied);
        Assert.Contains("retrospectives/001_retrospectives", applied);
    }

    private async Task RestoreAsync()
    {
        if (Provider == StorageProvider.Sqlite)
        {
            File.Copy(Path.Combine(TestData(), "main-8cfa48a.db"), Path.Combine(Dir, "state.db"));
            return;
        }

        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var restore = new NpgsqlCommand(await File.ReadAllTextAsync(Path.Combine(TestData(), "main-8cfa48a.pgsql")), connection);
        await restore.ExecuteNonQueryAsync();
    }

    private async Task<List<string>> AppliedAsync()
    {
        using var database = new Database(Options.Create(new StorageOptions { ConnectionString = ConnectionString }), [], NullLogger<Database>.Instance);
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var cmd = connection.Command("SELECT id FROM schema_migrations");
        await using var reader = await cmd.ExecuteReaderAsync(CancellationToken.None);
        var ids = new List<string>();
        while (await reader.ReadAsync(CancellationToken.None))
            ids.Add(reader.GetString(0));
        return ids;
    }

    private static string TestData([CallerFilePath] string caller = "") => Path.Combine(Path.GetDirectoryName(caller)!, "testdata");

    public sealed class OnSqlite() : MainDatabaseUpgradeTests(StorageProvider.Sqlite, "R-9D256918");

    public sealed class OnPostgres() : MainDatabaseUpgradeTests(StorageProvider.PostgreSql, "R-CCDD19DE");
}
