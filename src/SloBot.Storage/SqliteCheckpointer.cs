using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SloBot.Storage;

/// <summary>
/// SQLite only: copies the write-ahead log into the database file on a connection of its own
/// (<see cref="Database.CheckpointAsync"/>), so no commit on the ack path does it — at a tick of
/// <see cref="StorageOptions.CheckpointInterval"/> (a <see cref="PeriodicTimer"/> on the injected <see cref="TimeProvider"/>)
/// when no connection was opened since the previous tick (a checkpoint copies pages: it would take CPU from a burst),
/// at every <see cref="ForcedAfterTicks"/>th tick regardless (sustained use), and once more when the host stops. A
/// failing checkpoint is logged and tried again at the next tick; the log keeps every commit meanwhile. Only while it
/// runs do commits skip SQLite's automatic checkpoint (<see cref="Database.BackgroundCheckpoints"/>): one-shot commands,
/// which start no background services, keep it.
/// </summary>
public sealed partial class SqliteCheckpointer(Database database, IOptions<StorageOptions> options, TimeProvider time, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    /// <summary>Ticks without a checkpoint after which one runs even though the store is in use.</summary>
    public const int ForcedAfterTicks = 30;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.Provider != StorageProvider.Sqlite)
            return;
        using var timer = new PeriodicTimer(options.Value.CheckpointInterval, time);
        var due = new CheckpointDue();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                if (due.At(database.Opened))
                    await CheckpointAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping: the last checkpoint follows in StopAsync
        }
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        database.BackgroundCheckpoints = database.Provider == StorageProvider.Sqlite; // before any tick: commits leave it to us
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (database.Provider != StorageProvider.Sqlite)
            return;
        database.BackgroundCheckpoints = false;
        await CheckpointAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        try
        {
            var (log, done) = await database.CheckpointAsync(cancellationToken).ConfigureAwait(false);
            if (done < log)
                LogPartial(logger, done, log);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            LogFailed(logger, ex.GetType().Name, ex.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    [LoggerMessage(EventId = 5002, Level = LogLevel.Debug, Message = "SQLite checkpoint copied {Done} of {Frames} log frames (readers hold the rest; the next tick goes on)")]
    private static partial void LogPartial(ILogger logger, long done, long frames);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "SQLite checkpoint failed ({Error}: {Reason}); the write-ahead log keeps every commit, the next tick tries again")]
    private static partial void LogFailed(ILogger logger, string error, string reason);
}

/// <summary>
/// Whether a tick checkpoints, from <see cref="Database.Opened"/> at each tick: when something was written since the last
/// checkpoint and nothing was opened since the previous tick, or after <see cref="SqliteCheckpointer.ForcedAfterTicks"/>
/// ticks in use.
/// </summary>
internal sealed class CheckpointDue
{
    private long _seen = -1, _done = -1; // Opened at the previous tick and at the last checkpoint
    private int _waited;

    public bool At(long opened)
    {
        if (opened == _done || (opened != _seen && ++_waited < SqliteCheckpointer.ForcedAfterTicks))
        {
            _seen = opened;
            return false;
        }

        (_seen, _done, _waited) = (opened, opened, 0);
        return true;
    }
}
