using System.Data.Common;
using SloBot.Chat.Delivery;

namespace SloBot.Storage.Delivery;

/// <summary>
/// The <c>outbox_deliveries</c> table: one row per recorded delivery, unique by key. Every change of hands is one
/// conditional UPDATE (the lease holder, or an expired lease), so two processes never hold a row at once; PostgreSQL's
/// claim also skips rows another claimer has locked.
/// </summary>
internal sealed class SqlOutboxStore(Database database) : IOutboxStore
{
    public const string MigrationId = "delivery/002_outbox";

    public const string Schema = """
        CREATE TABLE outbox_deliveries (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
        """ + Columns;

    public const string PostgreSqlSchema = """
        CREATE TABLE outbox_deliveries (
            seq BIGSERIAL PRIMARY KEY,
        """ + Columns;

    private const string Columns = """
            delivery_key TEXT NOT NULL UNIQUE,
            platform TEXT NOT NULL,
            lane TEXT NOT NULL,
            payload TEXT NOT NULL,
            state TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            next_attempt_at BIGINT NOT NULL,
            lease_owner TEXT NULL,
            lease_until BIGINT NOT NULL,
            result TEXT NULL,
            error TEXT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        );
        CREATE INDEX outbox_deliveries_due ON outbox_deliveries (state, lease_until);
        CREATE INDEX outbox_deliveries_finished ON outbox_deliveries (state, updated_at);
        """;

    private const string Select = "SELECT seq, delivery_key, platform, lane, payload, state, attempts, next_attempt_at, lease_owner, lease_until, result, error, created_at, updated_at FROM outbox_deliveries";

    public async Task<OutboxEntry> RecordAsync(OutboxMessage message, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var insert = connection.Command("""
            INSERT INTO outbox_deliveries (delivery_key, platform, lane, payload, state, attempts, next_attempt_at, lease_owner, lease_until, result, error, created_at, updated_at)
            VALUES (@key, @platform, @lane, @payload, 'pending', 0, @now, @owner, @until, NULL, NULL, @now, @now)
            ON CONFLICT (delivery_key) DO NOTHING
            """))
        {
            insert.AddParameter("@key", message.Key).AddParameter("@platform", message.Platform).AddParameter("@lane", message.Lane).AddParameter("@payload", message.Payload)
                .AddParameter("@now", Ms(now)).AddParameter("@owner", owner).AddParameter("@until", Ms(leaseUntil));
            if (await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                // Recorded before: take over a failed entry (the intent sent again) or a pending one whose holder is gone.
                await using var takeOver = connection.Command("""
                    UPDATE outbox_deliveries
                    SET platform = @platform, lane = @lane, payload = @payload, lease_owner = @owner, lease_until = @until, updated_at = @now,
                        attempts = CASE WHEN state = 'failed' THEN 0 ELSE attempts END,
                        next_attempt_at = CASE WHEN state = 'failed' THEN @now ELSE next_attempt_at END,
                        error = NULL, state = 'pending'
                    WHERE delivery_key = @key AND (state = 'failed' OR (state = 'pending' AND lease_until <= @now))
                    """);
                takeOver.AddParameter("@key", message.Key).AddParameter("@platform", message.Platform).AddParameter("@lane", message.Lane).AddParameter("@payload", message.Payload)
                    .AddParameter("@now", Ms(now)).AddParameter("@owner", owner).AddParameter("@until", Ms(leaseUntil));
                await takeOver.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return await FindAsync(connection, message.Key, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The outbox entry {message.Key} vanished while it was recorded.");
    }

    public async Task<int?> BeginAttemptAsync(string key, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command("""
            UPDATE outbox_deliveries SET attempts = attempts + 1, lease_owner = @owner, lease_until = @until, updated_at = @now
            WHERE delivery_key = @key AND state = 'pending' AND (lease_owner = @owner OR lease_until <= @now)
            RETURNING attempts
            """);
        cmd.AddParameter("@key", key).AddParameter("@owner", owner).AddParameter("@until", Ms(leaseUntil)).AddParameter("@now", Ms(now));
        var value = await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is null or DBNull ? null : Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task CompleteAsync(string key, OutboxState state, string? resultOrError, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command("""
            UPDATE outbox_deliveries SET state = @state, result = @result, error = @error, lease_owner = NULL, lease_until = 0, updated_at = @now
            WHERE delivery_key = @key
            """);
        cmd.AddParameter("@key", key).AddParameter("@state", StateText(state)).AddParameter("@now", Ms(now))
            .AddParameter("@result", state == OutboxState.Delivered ? resultOrError : null)
            .AddParameter("@error", state == OutboxState.Failed ? resultOrError : null);
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task ReleaseAsync(string key, string owner, DateTimeOffset nextAttemptAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command("""
            UPDATE outbox_deliveries SET lease_owner = NULL, lease_until = @next, next_attempt_at = @next, updated_at = @now
            WHERE delivery_key = @key AND lease_owner = @owner AND state = 'pending'
            """);
        cmd.AddParameter("@key", key).AddParameter("@owner", owner).AddParameter("@next", Ms(nextAttemptAt)).AddParameter("@now", Ms(now));
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> RenewAsync(string owner, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command("UPDATE outbox_deliveries SET lease_until = @until WHERE lease_owner = @owner AND state = 'pending'");
        cmd.AddParameter("@owner", owner).AddParameter("@until", Ms(leaseUntil));
        return await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<OutboxEntry>> ClaimAsync(IReadOnlyCollection<string> platforms, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken cancellationToken)
    {
        if (platforms.Count == 0 || max <= 0)
            return [];
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var names = string.Join(", ", platforms.Select((_, i) => $"@p{i}"));
        var skipLocked = database.Provider == StorageProvider.PostgreSql ? " FOR UPDATE SKIP LOCKED" : "";
        // The outer conditions repeat the inner ones: a row another claimer took meanwhile no longer matches.
        await using var cmd = connection.Command($"""
            UPDATE outbox_deliveries SET lease_owner = @owner, lease_until = @until, updated_at = @now
            WHERE seq IN (
                SELECT seq FROM outbox_deliveries
                WHERE state = 'pending' AND lease_until <= @now AND next_attempt_at <= @now AND platform IN ({names})
                ORDER BY seq LIMIT @max{skipLocked})
              AND state = 'pending' AND lease_until <= @now
            RETURNING seq, delivery_key, platform, lane, payload, state, attempts, next_attempt_at, lease_owner, lease_until, result, error, created_at, updated_at
            """);
        cmd.AddParameter("@owner", owner).AddParameter("@until", Ms(leaseUntil)).AddParameter("@now", Ms(now)).AddParameter("@max", max);
        foreach (var (platform, i) in platforms.Select((p, i) => (p, i)))
            cmd.AddParameter($"@p{i}", platform);
        var claimed = await ReadAsync(cmd, cancellationToken).ConfigureAwait(false);
        return claimed.OrderBy(e => e.Sequence).ToArray();
    }

    public async Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command("DELETE FROM outbox_deliveries WHERE state <> 'pending' AND updated_at <= @before");
        cmd.AddParameter("@before", Ms(before));
        return await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<OutboxEntry?> FindAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await FindAsync(connection, key, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<OutboxEntry?> FindAsync(DbConnection connection, string key, CancellationToken cancellationToken)
    {
        await using var cmd = connection.Command(Select + " WHERE delivery_key = @key");
        cmd.AddParameter("@key", key);
        return (await ReadAsync(cmd, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
    }

    private static async Task<List<OutboxEntry>> ReadAsync(DbCommand cmd, CancellationToken cancellationToken)
    {
        var entries = new List<OutboxEntry>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new OutboxEntry(
                reader.GetInt64(0),
                new OutboxMessage(reader.GetString(2), reader.GetString(3), reader.GetString(1), reader.GetString(4)),
                ParseState(reader.GetString(5)),
                reader.GetInt32(6),
                At(reader.GetInt64(7)),
                reader.IsDBNull(8) ? null : reader.GetString(8),
                At(reader.GetInt64(9)),
                reader.IsDBNull(10) ? null : reader.GetString(10),
                reader.IsDBNull(11) ? null : reader.GetString(11),
                At(reader.GetInt64(12)),
                At(reader.GetInt64(13))));
        }

        return entries;
    }

    private static long Ms(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    private static DateTimeOffset At(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private static string StateText(OutboxState state) => state switch
    {
        OutboxState.Delivered => "delivered",
        OutboxState.Failed => "failed",
        _ => "pending",
    };

    private static OutboxState ParseState(string text) => text switch
    {
        "delivered" => OutboxState.Delivered,
        "failed" => OutboxState.Failed,
        _ => OutboxState.Pending,
    };
}
