using System.Data.Common;
using System.Globalization;
using System.Text;
using SloBot.Chat.Delivery;

namespace SloBot.Storage.Delivery;

/// <summary>
/// The <c>inbox_events</c> table: one row per accepted inbound event, unique by key. Recording a burst is one
/// transaction of <c>INSERT … ON CONFLICT DO NOTHING</c> (PostgreSQL: one multi-row statement); every change
/// of hands afterwards is one conditional UPDATE, and PostgreSQL's claim skips rows another claimer has locked.
/// </summary>
internal sealed class SqlInboxStore(Database database) : IInboxStore
{
    public const string MigrationId = "delivery/003_inbox";

    public const string Schema = """
        CREATE TABLE inbox_events (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
        """ + Columns;

    public const string PostgreSqlSchema = """
        CREATE TABLE inbox_events (
            seq BIGSERIAL PRIMARY KEY,
        """ + Columns;

    private const string Columns = """
            inbox_key TEXT NOT NULL UNIQUE,
            platform TEXT NOT NULL,
            payload TEXT NOT NULL,
            state TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            lease_owner TEXT NULL,
            lease_until BIGINT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        );
        CREATE INDEX inbox_events_due ON inbox_events (state, lease_until);
        CREATE INDEX inbox_events_finished ON inbox_events (state, updated_at);
        """;

    private const string Fields = "seq, inbox_key, platform, payload, state, attempts, lease_owner, lease_until, created_at, updated_at";

    public async Task<IReadOnlyList<bool>> RecordAsync(IReadOnlyList<InboxMessage> messages, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
            return [];
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return database.Provider == StorageProvider.PostgreSql
            ? await InsertAllAsync(connection, messages, owner, now, leaseUntil, cancellationToken).ConfigureAwait(false)
            : await InsertEachAsync(connection, messages, owner, now, leaseUntil, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>PostgreSQL: one multi-row statement, one round trip; the keys it returns are the fresh ones.</summary>
    private static async Task<bool[]> InsertAllAsync(DbConnection connection, IReadOnlyList<InboxMessage> messages, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder("INSERT INTO inbox_events (inbox_key, platform, payload, state, attempts, lease_owner, lease_until, created_at, updated_at) VALUES ");
        for (var i = 0; i < messages.Count; i++)
            sql.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? "" : ", ")}(@k{i}, @p{i}, @d{i}, 'pending', 1, @owner, @until, @now, @now)");
        sql.Append(" ON CONFLICT (inbox_key) DO NOTHING RETURNING inbox_key");
        await using var cmd = connection.Command(sql.ToString());
        cmd.AddParameter("@owner", owner).AddParameter("@until", Ms(leaseUntil)).AddParameter("@now", Ms(now));
        for (var i = 0; i < messages.Count; i++)
            cmd.AddParameter($"@k{i}", messages[i].Key).AddParameter($"@p{i}", messages[i].Platform).AddParameter($"@d{i}", messages[i].Payload);
        var inserted = new HashSet<string>(StringComparer.Ordinal);
        await using (var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                inserted.Add(reader.GetString(0));
        }

        return [.. messages.Select(m => inserted.Remove(m.Key))];
    }

    /// <summary>
    /// SQLite (in process, no round trips): one prepared single-row statement run per message in one transaction —
    /// compiling a statement of hundreds of rows cost more than the rows. A row inserted is a fresh key.
    /// </summary>
    private static async Task<bool[]> InsertEachAsync(DbConnection connection, IReadOnlyList<InboxMessage> messages, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command(
            "INSERT INTO inbox_events (inbox_key, platform, payload, state, attempts, lease_owner, lease_until, created_at, updated_at) " +
            "VALUES (@k, @p, @d, 'pending', 1, @owner, @until, @now, @now) ON CONFLICT (inbox_key) DO NOTHING",
            tx);
        cmd.AddParameter("@owner", owner).AddParameter("@until", Ms(leaseUntil)).AddParameter("@now", Ms(now));
        var (key, platform, payload) = (cmd.CreateParameter(), cmd.CreateParameter(), cmd.CreateParameter());
        (key.ParameterName, platform.ParameterName, payload.ParameterName) = ("@k", "@p", "@d");
        cmd.Parameters.Add(key);
        cmd.Parameters.Add(platform);
        cmd.Parameters.Add(payload);
        var fresh = new bool[messages.Count];
        for (var i = 0; i < messages.Count; i++)
        {
            (key.Value, platform.Value, payload.Value) = (messages[i].Key, messages[i].Platform, messages[i].Payload);
            fresh[i] = await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return fresh;
    }

    public async Task CompleteAsync(IReadOnlyList<string> keys, InboxState state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
            return;
        var names = string.Join(", ", keys.Select((_, i) => $"@k{i}"));
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command($"""
            UPDATE inbox_events SET state = @state, payload = '', lease_owner = NULL, lease_until = 0, updated_at = @now
            WHERE inbox_key IN ({names})
            """);
        cmd.AddParameter("@state", state == InboxState.Failed ? "failed" : "done").AddParameter("@now", Ms(now));
        for (var i = 0; i < keys.Count; i++)
            cmd.AddParameter($"@k{i}", keys[i]);
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task ReleaseAsync(string key, string owner, DateTimeOffset retryAt, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command("UPDATE inbox_events SET lease_owner = NULL, lease_until = @at WHERE inbox_key = @key AND lease_owner = @owner AND state = 'pending'");
        cmd.AddParameter("@key", key).AddParameter("@owner", owner).AddParameter("@at", Ms(retryAt));
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> RenewAsync(string owner, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command("UPDATE inbox_events SET lease_until = @until WHERE lease_owner = @owner AND state = 'pending'");
        cmd.AddParameter("@owner", owner).AddParameter("@until", Ms(leaseUntil));
        return await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<InboxEntry>> ClaimAsync(IReadOnlyCollection<string> platforms, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken cancellationToken)
    {
        if (platforms.Count == 0 || max <= 0)
            return [];
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var names = string.Join(", ", platforms.Select((_, i) => $"@p{i}"));
        var skipLocked = database.Provider == StorageProvider.PostgreSql ? " FOR UPDATE SKIP LOCKED" : "";
        // The outer conditions repeat the inner ones: a row another claimer took meanwhile no longer matches.
        await using var cmd = connection.Command($"""
            UPDATE inbox_events SET attempts = attempts + 1, lease_owner = @owner, lease_until = @until, updated_at = @now
            WHERE seq IN (
                SELECT seq FROM inbox_events
                WHERE state = 'pending' AND lease_until <= @now AND platform IN ({names})
                ORDER BY seq LIMIT @max{skipLocked})
              AND state = 'pending' AND lease_until <= @now
            RETURNING {Fields}
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
        await using var cmd = connection.Command("DELETE FROM inbox_events WHERE state <> 'pending' AND updated_at <= @before");
        cmd.AddParameter("@before", Ms(before));
        return await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<InboxEntry?> FindAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command($"SELECT {Fields} FROM inbox_events WHERE inbox_key = @key");
        cmd.AddParameter("@key", key);
        return (await ReadAsync(cmd, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
    }

    private static async Task<List<InboxEntry>> ReadAsync(DbCommand cmd, CancellationToken cancellationToken)
    {
        var entries = new List<InboxEntry>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new InboxEntry(
                reader.GetInt64(0),
                new InboxMessage(reader.GetString(2), reader.GetString(1), reader.GetString(3)),
                reader.GetString(4) switch { "done" => InboxState.Done, "failed" => InboxState.Failed, _ => InboxState.Pending },
                reader.GetInt32(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                At(reader.GetInt64(7)),
                At(reader.GetInt64(8)),
                At(reader.GetInt64(9))));
        }

        return entries;
    }

    private static long Ms(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    private static DateTimeOffset At(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
