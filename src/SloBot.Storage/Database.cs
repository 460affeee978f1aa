using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace SloBot.Storage;

/// <summary>Opens connections to the configured store and applies the registered migrations once.</summary>
public sealed partial class Database(IOptions<StorageOptions> options, IEnumerable<StorageMigration> migrations, ILogger<Database> logger) : IDisposable
{
    private readonly StorageOptions _options = options.Value;
    private readonly SemaphoreSlim _migrateLock = new(1, 1);
    private volatile bool _migrated;
    private long _opened;
    private bool _backgroundCheckpoints;
    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON; PRAGMA wal_autocheckpoint=";
    private const string CheckpointOnCommit = Pragmas + "1000;"; // SQLite's default
    private const string CheckpointElsewhere = Pragmas + "0;";

    public StorageProvider Provider => _options.Provider;

    /// <summary>Where the database is, for messages and <c>/readyz</c>: "the SQLite file …" or "PostgreSQL at host:port …", never a password.</summary>
    public string Location => StorageLocation.Read(_options).Description;

    /// <summary>Connections opened through <see cref="OpenAsync"/> so far: <see cref="SqliteCheckpointer"/> checkpoints once it stops moving.</summary>
    internal long Opened => Interlocked.Read(ref _opened);

    /// <summary>Set while <see cref="SqliteCheckpointer"/> runs: connections opened meanwhile leave checkpoints to it.</summary>
    internal bool BackgroundCheckpoints
    {
        get => Volatile.Read(ref _backgroundCheckpoints);
        set => Volatile.Write(ref _backgroundCheckpoints, value);
    }

    /// <summary>An open connection with the schema up to date.</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _opened);
        if (!_migrated)
            await MigrateAsync(cancellationToken).ConfigureAwait(false);
        return await OpenRawAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Applies the missing migrations (recording those applied under their old global id as done) in one transaction that holds the database's migration lock (PostgreSQL: an
    /// advisory lock; SQLite: the write lock of BEGIN IMMEDIATE), so replicas starting together apply each once.
    /// </summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await _migrateLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_migrated)
                return;
            await using var connection = await OpenFirstAsync(cancellationToken).ConfigureAwait(false);
            await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            if (Provider == StorageProvider.PostgreSql)
                await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({MigrationLockKey})", cancellationToken, tx).ConfigureAwait(false);
            await ExecuteAsync(connection, "CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)", cancellationToken, tx).ConfigureAwait(false);
            var applied = new HashSet<string>(StringComparer.Ordinal);
            await using (var cmd = connection.CreateCommand())
            {
                cmd.Transaction = tx;
                cmd.CommandText = "SELECT id FROM schema_migrations";
                await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    applied.Add(reader.GetString(0));
            }

            var missing = migrations.DistinctBy(m => m.Id).OrderBy(m => m.Id, StringComparer.Ordinal).Where(m => !applied.Contains(m.Id)).ToArray();
            var adopted = missing.Where(m => m.Replaces is { } legacy && applied.Contains(legacy)).ToArray();
            var pending = missing.Except(adopted).ToArray();
            foreach (var migration in adopted)
                await RecordAsync(connection, tx, migration.Id, cancellationToken).ConfigureAwait(false);
            foreach (var migration in pending)
            {
                var sql = Provider == StorageProvider.PostgreSql && migration.PostgreSql is { } pg ? pg : migration.Sql;
                await ExecuteAsync(connection, sql, cancellationToken, tx).ConfigureAwait(false);
                await RecordAsync(connection, tx, migration.Id, cancellationToken).ConfigureAwait(false);
            }

            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            foreach (var migration in adopted)
                LogAdopted(logger, migration.Id, migration.Replaces!);
            foreach (var migration in pending)
                LogApplied(logger, migration.Id);
            _migrated = true;
        }
        finally
        {
            _migrateLock.Release();
        }
    }

    /// <summary>SloBot's PostgreSQL advisory lock for migrations ("SLOBOT" in ASCII).</summary>
    private const long MigrationLockKey = 0x534C4F424F54;

    /// <summary>The first connection (at start): a failure names the key and the file or host (<see cref="StorageUnavailableException"/>).</summary>
    private async Task<DbConnection> OpenFirstAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await OpenRawAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw StorageUnavailableException.For(_options, e);
        }
    }

    private async Task<DbConnection> OpenRawAsync(CancellationToken cancellationToken)
    {
        DbConnection connection = Provider == StorageProvider.PostgreSql
            ? new NpgsqlConnection(_options.ConnectionString)
            : new SqliteConnection(_options.ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        // WAL with synchronous=NORMAL: a commit survives the process being killed (the inbox and outbox promise that), not a
        // power cut of the machine — for that, PostgreSQL (docs/reliability.md). It spares an fsync per commit. While a
        // SqliteCheckpointer runs (the service host), no automatic checkpoint: it ran inside the commit that crossed 1000
        // pages, copying them and syncing the file (10–20 ms that a burst's inbox record and acks waited). One-shot
        // commands (`slobot ask`, imports) start no background services and keep SQLite's automatic one.
        if (connection is SqliteConnection)
            await ExecuteAsync(connection, BackgroundCheckpoints ? CheckpointElsewhere : CheckpointOnCommit, cancellationToken).ConfigureAwait(false);
        return connection;
    }

    /// <summary>
    /// SQLite: copies what the write-ahead log holds into the database file as far as readers allow, without waiting for
    /// readers or writers (<c>PRAGMA wal_checkpoint(PASSIVE)</c>). Returns the log's frames and how many are now in the
    /// file; (0, 0) for PostgreSQL.
    /// </summary>
    internal async Task<(long LogFrames, long Checkpointed)> CheckpointAsync(CancellationToken cancellationToken)
    {
        if (Provider != StorageProvider.Sqlite)
            return (0, 0);
        await using var connection = await OpenRawAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? (reader.GetInt64(1), reader.GetInt64(2)) : (0, 0);
    }

    private static async Task RecordAsync(DbConnection connection, DbTransaction tx, string id, CancellationToken cancellationToken)
    {
        await using var record = connection.CreateCommand();
        record.Transaction = tx;
        record.CommandText = "INSERT INTO schema_migrations (id, applied_at) VALUES (@id, @at)";
        record.AddParameter("@id", id);
        record.AddParameter("@at", DateTimeOffset.UnixEpoch.ToString("O")); // the order matters, not the instant
        await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken, DbTransaction? tx = null)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _migrateLock.Dispose();

    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Applied storage migration {MigrationId}")]
    private static partial void LogApplied(ILogger logger, string migrationId);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Storage migration {MigrationId} was already applied as {LegacyId} (the global numbering before per-capability names); recorded without running it")]
    private static partial void LogAdopted(ILogger logger, string migrationId, string legacyId);
}
