using System.Data.Common;
using SloBot.Chat.Leases;

namespace SloBot.Storage.Leases;

/// <summary>
/// The <c>partition_leases</c> table (one row per partition: its owner and expiry) and <c>lease_owners</c> (each
/// replica's heartbeat). Taking a lease is one conditional upsert, so two owners never hold one partition: the row
/// changes hands only when its expiry has passed. Times are Unix milliseconds.
/// </summary>
internal sealed class SqlPartitionLeases(Database database) : IPartitionLeases
{
    public const string MigrationId = "leases/001_partition_leases";

    public const string Schema = """
        CREATE TABLE partition_leases (
            lease_group TEXT NOT NULL,
            partition_id INTEGER NOT NULL,
            owner TEXT NOT NULL,
            expires_at BIGINT NOT NULL,
            PRIMARY KEY (lease_group, partition_id)
        );
        CREATE TABLE lease_owners (
            lease_group TEXT NOT NULL,
            owner TEXT NOT NULL,
            expires_at BIGINT NOT NULL,
            PRIMARY KEY (lease_group, owner)
        );
        """;

    public async Task<LeaseTable> RenewAsync(string group, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, tx, """
            INSERT INTO lease_owners (lease_group, owner, expires_at) VALUES (@group, @owner, @until)
            ON CONFLICT (lease_group, owner) DO UPDATE SET expires_at = excluded.expires_at
            """, group, owner, now, until, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, tx, "DELETE FROM lease_owners WHERE lease_group = @group AND expires_at <= @now", group, owner, now, until, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, tx, "UPDATE partition_leases SET expires_at = @until WHERE lease_group = @group AND owner = @owner", group, owner, now, until, cancellationToken).ConfigureAwait(false);

        var leases = new List<Lease>();
        await using (var select = connection.Command("SELECT partition_id, owner, expires_at FROM partition_leases WHERE lease_group = @group ORDER BY partition_id", tx))
        {
            select.AddParameter("@group", group);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                leases.Add(new Lease(Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2))));
        }

        var live = new List<string>();
        await using (var select = connection.Command("SELECT owner FROM lease_owners WHERE lease_group = @group AND expires_at > @now ORDER BY owner", tx))
        {
            select.AddParameter("@group", group).AddParameter("@now", now.ToUnixTimeMilliseconds());
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                live.Add(reader.GetString(0));
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new LeaseTable(leases, live);
    }

    public async Task<LeaseAttempt> TryAcquireAsync(string group, int partition, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var take = connection.Command("""
            INSERT INTO partition_leases (lease_group, partition_id, owner, expires_at) VALUES (@group, @partition, @owner, @until)
            ON CONFLICT (lease_group, partition_id) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
            WHERE partition_leases.expires_at <= @now
            """))
        {
            take.AddParameter("@group", group).AddParameter("@partition", partition).AddParameter("@owner", owner)
                .AddParameter("@now", now.ToUnixTimeMilliseconds()).AddParameter("@until", until.ToUnixTimeMilliseconds());
            if (await take.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
                return new LeaseAttempt(true, until);
        }

        await using var held = connection.Command("SELECT expires_at FROM partition_leases WHERE lease_group = @group AND partition_id = @partition");
        held.AddParameter("@group", group).AddParameter("@partition", partition);
        var expires = await held.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return new LeaseAttempt(false, expires is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : now); // gone meanwhile: free to try again now
    }

    public async Task ReleaseAsync(string group, string owner, int? partition, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var leases = connection.Command(partition is null
            ? "DELETE FROM partition_leases WHERE lease_group = @group AND owner = @owner"
            : "DELETE FROM partition_leases WHERE lease_group = @group AND owner = @owner AND partition_id = @partition"))
        {
            leases.AddParameter("@group", group).AddParameter("@owner", owner);
            if (partition is { } p)
                leases.AddParameter("@partition", p);
            await leases.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (partition is null)
        {
            await using var heartbeat = connection.Command("DELETE FROM lease_owners WHERE lease_group = @group AND owner = @owner");
            heartbeat.AddParameter("@group", group).AddParameter("@owner", owner);
            await heartbeat.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction tx, string sql, string group, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(sql, tx);
        if (sql.Contains("@group", StringComparison.Ordinal))
            command.AddParameter("@group", group);
        if (sql.Contains("@owner", StringComparison.Ordinal))
            command.AddParameter("@owner", owner);
        if (sql.Contains("@now", StringComparison.Ordinal))
            command.AddParameter("@now", now.ToUnixTimeMilliseconds());
        if (sql.Contains("@until", StringComparison.Ordinal))
            command.AddParameter("@until", until.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
