using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SloBot.Testing;
using Xunit;

namespace SloBot.Storage.Tests;

/// <summary>
/// SloBot's SQLite commits never checkpoint the write-ahead log themselves (SQLite's automatic checkpoint ran inside
/// the commit crossing 1000 pages: 10–20 ms an inbox record and its acks waited); <see cref="SqliteCheckpointer"/> does,
/// on its own connection, every <see cref="StorageOptions.CheckpointInterval"/> and when the host stops.
/// </summary>
public sealed class SqliteCheckpointerTests() : StoreTest(StorageProvider.Sqlite)
{
    private const int Rows = 100;
    private const int RowBytes = 64 * 1024; // 100 × 64 KB ≈ 1,600 pages of 4 KB: past SQLite's automatic checkpoint at 1,000

    private string File => Path.Combine(Dir, "state.db");

    [Fact]
    public async Task Commits_LeaveTheLogToTheCheckpointer_WhichCopiesItAtItsTick()
    {
        var options = Options.Create(new StorageOptions { ConnectionString = ConnectionString, CheckpointInterval = TimeSpan.FromSeconds(1) });
        var database = new Database(options, [new StorageMigration("test/001_blobs", "CREATE TABLE blobs (id INTEGER PRIMARY KEY, body BLOB NOT NULL)")], NullLogger<Database>.Instance);
        await using var holder = await HoldOpenAsync(database);
        var time = new FakeTimeProvider();
        using var checkpointer = new SqliteCheckpointer(database, options, time, NullLogger<SqliteCheckpointer>.Instance);
        await checkpointer.StartAsync(CancellationToken.None);
        await WriteAsync(database);
        SqliteConnection.ClearAllPools(); // as another test class may at any moment: the holder keeps the log from being checkpointed on close

        // Every commit stayed in the log: the database file holds none of the rows yet.
        var logged = new FileInfo(File + "-wal").Length;
        Assert.True(logged > Rows * RowBytes, $"the log holds {logged} bytes, expected more than {Rows * RowBytes}");
        Assert.True(new FileInfo(File).Length < Rows * RowBytes / 4, $"the database file holds {new FileInfo(File).Length} bytes before any checkpoint");

        // Idle since: the first tick sees the writes, the next finds the store idle and checkpoints.
        await Poll.UntilAsync(() => new FileInfo(File).Length > Rows * RowBytes, "the checkpointer's tick to copy the log into the database file", between: () => time.Advance(TimeSpan.FromSeconds(1)));
        await checkpointer.StopAsync(CancellationToken.None);

        Assert.Equal(Rows, await CountAsync(database)); // and every row is still there
        database.Dispose();
    }

    [Fact]
    public async Task WithoutACheckpointer_CommitsCheckpointAsSQLiteDoes()
    {
        // One-shot commands (`slobot ask`, imports) start no background services: the log must not grow run after run.
        var options = Options.Create(new StorageOptions { ConnectionString = ConnectionString });
        var database = new Database(options, [new StorageMigration("test/001_blobs", "CREATE TABLE blobs (id INTEGER PRIMARY KEY, body BLOB NOT NULL)")], NullLogger<Database>.Instance);
        await using var holder = await HoldOpenAsync(database);

        await WriteAsync(database);

        Assert.True(new FileInfo(File).Length > Rows * RowBytes / 2, $"the database file holds {new FileInfo(File).Length} bytes after {Rows} commits without a checkpointer");
        database.Dispose();
    }

    [Fact]
    public void UnderSustainedUse_ItCheckpointsAfterThirtyTicksAnyway()
    {
        var due = new CheckpointDue();
        var opened = 100L;
        var ticks = 1;
        while (!due.At(opened++)) // a connection opened before every tick: the store is never idle for one
            ticks++;

        Assert.Equal(SqliteCheckpointer.ForcedAfterTicks, ticks);
        Assert.False(due.At(opened), "the tick after a checkpoint starts counting again");
    }

    [Fact]
    public void IdleOrUnchanged_ItCheckpointsOnceAfterTheWrites()
    {
        var due = new CheckpointDue();

        Assert.False(due.At(7)); // opened since the start: in use
        Assert.True(due.At(7)); // idle for a tick: checkpoint
        Assert.False(due.At(7)); // nothing new since the checkpoint
        Assert.False(due.At(9)); // written again
        Assert.True(due.At(9));
    }

    [Fact]
    public async Task Stopping_CheckpointsOnceMore()
    {
        var options = Options.Create(new StorageOptions { ConnectionString = ConnectionString, CheckpointInterval = TimeSpan.FromHours(1) });
        var database = new Database(options, [new StorageMigration("test/001_blobs", "CREATE TABLE blobs (id INTEGER PRIMARY KEY, body BLOB NOT NULL)")], NullLogger<Database>.Instance);
        await using var holder = await HoldOpenAsync(database);
        using var checkpointer = new SqliteCheckpointer(database, options, new FakeTimeProvider(), NullLogger<SqliteCheckpointer>.Instance);
        await checkpointer.StartAsync(CancellationToken.None);
        await WriteAsync(database);
        SqliteConnection.ClearAllPools(); // as another test class may at any moment
        Assert.True(new FileInfo(File).Length < Rows * RowBytes / 4); // no tick within the hour

        await checkpointer.StopAsync(CancellationToken.None);

        Assert.True(new FileInfo(File).Length > Rows * RowBytes, $"the database file holds {new FileInfo(File).Length} bytes after the host stopped");
        database.Dispose();
    }

    [Fact]
    public void Validator_NamesTheIntervalKey()
    {
        var result = new StorageOptionsValidator().Validate(null, new StorageOptions { CheckpointInterval = TimeSpan.Zero });

        Assert.True(result.Failed);
        Assert.Contains("SloBot:Storage:CheckpointInterval is 00:00:00; expected between 00:00:00.010 and 01:00:00", result.FailureMessage, StringComparison.Ordinal);
    }

    /// <summary>
    /// A connection kept open for the whole test: SQLite checkpoints when the last connection to a file closes, and other
    /// test classes' <see cref="SqliteConnection.ClearAllPools"/> closes this test's pooled ones at any moment. It reads
    /// once the file is in WAL mode: only a connection that has the log open holds the lock that makes it not the last.
    /// </summary>
    private async Task<SqliteConnection> HoldOpenAsync(Database database)
    {
        await (await database.OpenAsync(CancellationToken.None)).DisposeAsync(); // creates the file, WAL mode, the schema
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var read = connection.CreateCommand();
        read.CommandText = "SELECT count(*) FROM sqlite_master";
        await read.ExecuteScalarAsync();
        return connection;
    }

    private static async Task WriteAsync(Database database)
    {
        var body = new byte[RowBytes];
        Random.Shared.NextBytes(body);
        for (var i = 0; i < Rows; i++)
        {
            await using var connection = await database.OpenAsync(CancellationToken.None);
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO blobs (body) VALUES (@body)";
            var p = insert.CreateParameter();
            p.ParameterName = "@body";
            p.Value = body;
            insert.Parameters.Add(p);
            await insert.ExecuteNonQueryAsync();
        }
    }

    private static async Task<long> CountAsync(Database database)
    {
        await using DbConnection connection = await database.OpenAsync(CancellationToken.None);
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM blobs";
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
