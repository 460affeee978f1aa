using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SloBot.Chat.ActionItems;
using SloBot.Chat.Alerts;
using SloBot.Chat.Conversations;
using SloBot.Chat.Delivery;
using SloBot.Chat.Documents;
using SloBot.Chat.Events;
using SloBot.Chat.Retrospectives;
using SloBot.Chat.Reviews;
using SloBot.Chat.Schedules;
using SloBot.Chat.Tiers;
using SloBot.Core.Tiers;
using SloBot.Storage.ActionItems;
using SloBot.Storage.Alerts;
using SloBot.Storage.Conversations;
using SloBot.Storage.Delivery;
using SloBot.Storage.Schedules;
using SloBot.Storage.Tiers;
using Xunit;

namespace SloBot.Storage.Tests.Migrations;

/// <summary>
/// A database made by main before migrations were named per capability (its global ids "005_conversations" …
/// "013_handled_requests", with rows in every table) opened by this version: nothing is created twice, every
/// per-capability migration is recorded as applied, and the rows are read and written through the store contracts.
/// </summary>
public abstract class LegacyUpgradeTests(StorageProvider provider) : StoreTest(provider)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static readonly string[] CapabilityIds =
    [
        "actionitems/001_action_items", "alerts/001_alert_states", "alerts/002_alert_changes", "conversations/001_conversations", "delivery/001_handled_requests", "delivery/002_outbox",
        "delivery/003_inbox", "delivery/004_button_values", "leases/001_partition_leases", "planning/001_quarterly_plans", "planning/002_plan_ratings_and_targets", "releases/001_release_decisions", "retrospectives/001_retrospectives", "reviews/001_weekly_reviews", "schedules/001_schedule_runs",
        "tiers/001_tier_adoptions", "toil/001_toil_tasks",
    ];

    [Fact]
    public async Task DatabaseOfMain_OpenedByPerCapabilityMigrations_KeepsItsRowsAndRecordsTheNewIds()
    {
        await WriteAsMainDidAsync(LegacyMainSchema.Migrations);

        await using var provider = Current();
        await provider.GetRequiredService<Database>().MigrateAsync(CancellationToken.None);

        Assert.Equal([.. LegacyMainSchema.Migrations.Select(m => m.Id), .. CapabilityIds], (await AppliedAsync()).Order(StringComparer.Ordinal));
        Assert.Equal("T", (await provider.GetRequiredService<IConversationStore>().GetAsync("retro-abc123", CancellationToken.None))!.Title);
        Assert.Equal(ServiceTier.Critical, (await provider.GetRequiredService<ITierAdoptions>().FindAsync("payment", CancellationToken.None))!.Tier);
        Assert.Equal(T0, await provider.GetRequiredService<IScheduleLedger>().LastAsync("weekly-review", CancellationToken.None));
        Assert.Equal("critical", Assert.Single(await provider.GetRequiredService<IAlertStateStore>().AllAsync(CancellationToken.None)).Severity);
        Assert.False(await provider.GetRequiredService<IHandledRequests>().TryClaimAsync("slack:Ev1", T0, T0.AddDays(1), CancellationToken.None));
        Assert.Equal("retro-abc123", (await provider.GetRequiredService<IPublishedDocumentStore>().FindAsync("retro", "inc-7", CancellationToken.None))!.Id);
        Assert.Equal("2026-11-23", (await provider.GetRequiredService<IPublishedDocumentStore>().FindAsync("review", "review-def456", CancellationToken.None))!.Title);

        var actions = provider.GetRequiredService<IActionItemStore>();
        var added = await actions.AddAsync("retro-new", "INC-8", [new NewActionItem(0, "Add a canary", "U2", null, ActionHorizon.ThisMonth)], T0, CancellationToken.None);
        Assert.Equal(2, Assert.Single(added).Id); // numbered after main's item 1, in main's table
    }

    [Fact]
    public async Task DatabaseOfAnOlderMain_WithoutTheLaterTables_GetsOnlyThoseCreated()
    {
        await WriteAsMainDidAsync(LegacyMainSchema.Migrations.Take(1).ToArray()); // only "005_conversations" existed then

        await using var provider = Current();
        await provider.GetRequiredService<Database>().MigrateAsync(CancellationToken.None);

        Assert.Equal(["005_conversations", .. CapabilityIds], (await AppliedAsync()).Order(StringComparer.Ordinal));
        await provider.GetRequiredService<ITierAdoptions>().AdoptAsync(new TierAdoption("search", ServiceTier.Standard, "U1", T0), CancellationToken.None);
        Assert.NotNull(await provider.GetRequiredService<ITierAdoptions>().FindAsync("search", CancellationToken.None));
        Assert.Equal("INC-7", (await provider.GetRequiredService<IPublishedDocumentStore>().FindAsync("retro", "INC-7", CancellationToken.None))!.Title);
    }

    [Fact]
    public async Task NewDatabase_RecordsOnlyPerCapabilityIds_AndASecondStartAppliesNothing()
    {
        await using (var first = Current())
            await first.GetRequiredService<Database>().MigrateAsync(CancellationToken.None);
        await using (var second = Current())
            await second.GetRequiredService<Database>().MigrateAsync(CancellationToken.None);

        Assert.Equal(CapabilityIds, (await AppliedAsync()).Order(StringComparer.Ordinal));
    }

    /// <summary>Main's schema through main's migration ids, and a row in each table as main's stores wrote it.</summary>
    private async Task WriteAsMainDidAsync(StorageMigration[] legacy)
    {
        using var database = new Database(Options.Create(new StorageOptions { ConnectionString = ConnectionString }), legacy, NullLogger<Database>.Instance);
        await new SqlConversationStore(database).CreateAsync(
            new ConversationRecord("retro-abc123", new ConversationKey("slack", "C1", "t1"), "retro", 1, "services", "{}", "T", "U1", T0, T0), CancellationToken.None);
        await using (var connection = await database.OpenAsync(CancellationToken.None))
        {
            await using var retro = connection.Command("INSERT INTO retrospectives (id, incident_id, started_at, published_at, document) VALUES ('retro-abc123', 'INC-7', @at, @at, @doc)");
            retro.AddParameter("@at", T0.ToString("O")).AddParameter("@doc", JsonSerializer.Serialize(Retro(), DocumentJson.Options));
            await retro.ExecuteNonQueryAsync(CancellationToken.None);
            await using var review = connection.Command("INSERT INTO weekly_reviews (id, week_start, published_at, document) VALUES ('review-def456', '2026-11-23', @at, @doc)");
            review.AddParameter("@at", T0.ToString("O")).AddParameter("@doc", JsonSerializer.Serialize(Review(), DocumentJson.Options));
            await review.ExecuteNonQueryAsync(CancellationToken.None);
        }

        await new SqlActionItemStore(database).AddAsync("retro-abc123", "INC-7", [new NewActionItem(0, "Alert on queue depth", "U1", null, ActionHorizon.ThisWeek)], T0, CancellationToken.None);
        if (legacy.Length == 1)
            return;
        await new SqlTierAdoptions(database).AdoptAsync(new TierAdoption("payment", ServiceTier.Critical, "U1", T0), CancellationToken.None);
        await new SqlScheduleLedger(database).TryClaimAsync("weekly-review", T0, T0, CancellationToken.None);
        // The alert row as main wrote it (today's store also appends to alert_changes, a table main did not have).
        await using (var connection = await database.OpenAsync(CancellationToken.None))
        await using (var alert = connection.Command("INSERT INTO alert_states (slo, severity, since, message_id) VALUES ('payment/availability', 'critical', @since, NULL)"))
        {
            alert.AddParameter("@since", T0.ToUnixTimeMilliseconds());
            await alert.ExecuteNonQueryAsync();
        }

        await new SqlHandledRequests(database).TryClaimAsync("slack:Ev1", T0, T0.AddDays(1), CancellationToken.None);
    }

    private ServiceProvider Current()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["SloBot:Storage:ConnectionString"] = ConnectionString }).Build();
        return new ServiceCollection().AddLogging().AddSloBotStorage(config).BuildServiceProvider();
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

    private static RetrospectiveDocument Retro() => new(
        "retro-abc123", "INC-7", ["payment"], T0, T0.AddHours(1), [], null, null, [], "a bad deploy", [], null, null, [], [], [], null, null, "U1", T0, "UTC");

    private static WeeklyReviewDocument Review() => new(
        "review-def456", "2026-11-23", T0, T0.AddDays(7), [], [], [], [], [], [], [], [], [], new Dictionary<string, string>(), "U1", T0);

    public sealed class OnSqlite() : LegacyUpgradeTests(StorageProvider.Sqlite);

    public sealed class OnPostgres() : LegacyUpgradeTests(StorageProvider.PostgreSql);
}
