using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using SloBot.Chat.Telemetry;

namespace SloBot.Chat.Delivery;

/// <summary>
/// The inbox's recovery pass (run by <see cref="OutboxRecovery"/>): claims recorded work whose lease expired (its
/// process died) for the platforms this process serves, and runs each once through its transport's
/// <see cref="IInboxHandler"/>. Work that never finished in <see cref="OutboxOptions.InboxMaxAttempts"/> runs is
/// recorded as failed, so a command that kills every process running it is not tried forever.
/// </summary>
public sealed partial class InboxReplay(Inbox inbox, IEnumerable<IInboxHandler> handlers, TimeProvider time, ILogger<InboxReplay> logger)
{
    private readonly Dictionary<string, IInboxHandler> _handlers = handlers
        .GroupBy(h => h.Platform, StringComparer.OrdinalIgnoreCase)
        .ToDictionary(g => g.Key, g => g.Last(), StringComparer.OrdinalIgnoreCase);

    /// <summary>Runs one pass; returns how many entries it ran to the end. Throws only when the store cannot be reached (or on cancellation).</summary>
    public async Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        var options = inbox.Options;
        var now = time.GetUtcNow();
        await inbox.Store.PruneAsync(now - options.KeepFinished, cancellationToken).ConfigureAwait(false);
        if (_handlers.Count == 0)
            return 0;
        var claimed = await inbox.Store.ClaimAsync(_handlers.Keys, inbox.Owner, now, now + options.InboxLeaseDuration, options.RecoveryBatch, cancellationToken).ConfigureAwait(false);
        var done = 0;
        await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (entry, ct) =>
        {
            if (await ReplayOneAsync(entry, options, ct).ConfigureAwait(false))
                Interlocked.Increment(ref done);
        }).ConfigureAwait(false);
        return done;
    }

    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "One recovered event: whatever it throws is logged and left to a later pass, never thrown into the recovery loop.")]
    private async Task<bool> ReplayOneAsync(InboxEntry entry, OutboxOptions options, CancellationToken cancellationToken)
    {
        if (entry.Attempts > options.InboxMaxAttempts)
        {
            LogGivenUp(logger, entry.Key, entry.Attempts - 1);
            await inbox.CompleteAsync(entry.Key, InboxState.Failed).ConfigureAwait(false);
            return false;
        }

        try
        {
            await _handlers[entry.Message.Platform].ReplayAsync(entry, cancellationToken).ConfigureAwait(false);
            LogReplayed(logger, entry.Key, entry.Attempts - 1);
            ChatTelemetry.InboxRecovered.Add(1, new KeyValuePair<string, object?>("platform", entry.Message.Platform));
            await inbox.CompleteAsync(entry.Key).ConfigureAwait(false);
            return true;
        }
        catch (InboxEntryExpiredException expired)
        {
            LogExpired(logger, entry.Key, expired.Message);
            await inbox.CompleteAsync(entry.Key, InboxState.Failed).ConfigureAwait(false);
            return false;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw; // shutdown: the lease runs out and the next process takes it
        }
        catch (Exception ex)
        {
            LogReplayFailed(logger, entry.Key, ex.GetType().Name, ex.Message);
            try
            {
                // Released, or this process's renewals would keep it forever; the next pass here or elsewhere tries again, up to the limit.
                await inbox.Store.ReleaseAsync(entry.Key, inbox.Owner, time.GetUtcNow() + inbox.Options.RecoveryInterval, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception release) when (release is not OutOfMemoryException)
            {
                LogReleaseFailed(logger, entry.Key, release.GetType().Name);
            }

            return false;
        }
    }

    [LoggerMessage(EventId = 115, Level = LogLevel.Warning, Message = "Inbound work {Key} can no longer be answered ({Reason}); recorded as failed")]
    private static partial void LogExpired(ILogger logger, string key, string reason);

    [LoggerMessage(EventId = 114, Level = LogLevel.Warning, Message = "Inbound work {Key} could not be released for a later pass ({Kind}); it waits for this process to stop")]
    private static partial void LogReleaseFailed(ILogger logger, string key, string kind);

    [LoggerMessage(EventId = 111, Level = LogLevel.Information, Message = "Recovered inbound work {Key} ({Runs} earlier runs did not finish)")]
    private static partial void LogReplayed(ILogger logger, string key, int runs);

    [LoggerMessage(EventId = 112, Level = LogLevel.Error, Message = "Inbound work {Key} was started {Runs} times and never finished; recorded as failed")]
    private static partial void LogGivenUp(ILogger logger, string key, int runs);

    [LoggerMessage(EventId = 113, Level = LogLevel.Warning, Message = "Inbound work {Key} could not be run again ({Kind}): {Reason}; a later pass tries again")]
    private static partial void LogReplayFailed(ILogger logger, string key, string kind, string reason);
}
