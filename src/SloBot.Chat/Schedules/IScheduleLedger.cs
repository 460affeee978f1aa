namespace SloBot.Chat.Schedules;

/// <summary>
/// Which scheduled posts went out (the <c>schedule_runs</c> ledger). One row per job and occurrence: whoever inserts it
/// posts (exactly once across restarts and replicas); a claim left by a process that died before posting is taken
/// over after <see cref="StaleClaim"/>.
/// </summary>
public interface IScheduleLedger
{
    public static readonly TimeSpan StaleClaim = TimeSpan.FromMinutes(10);

    /// <summary>The latest occurrence of <paramref name="job"/> that was posted, skipped or is being posted.</summary>
    Task<DateTimeOffset?> LastAsync(string job, CancellationToken cancellationToken);

    /// <summary>True when this caller may post the occurrence (it inserted the row, or took over a stale claim).</summary>
    Task<bool> TryClaimAsync(string job, DateTimeOffset occurrence, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Records the outcome of a claimed occurrence (<see cref="ScheduleRunStatus.Posted"/> with the message id).</summary>
    Task CompleteAsync(string job, DateTimeOffset occurrence, ScheduleRunStatus status, string? messageId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Gives a claim up (the post failed) so the next tick tries again while within grace.</summary>
    Task ReleaseAsync(string job, DateTimeOffset occurrence, CancellationToken cancellationToken);

    /// <summary>The most recent runs of <paramref name="job"/>, newest first.</summary>
    Task<IReadOnlyList<ScheduleRun>> RecentAsync(string job, int limit, CancellationToken cancellationToken);
}

public enum ScheduleRunStatus
{
    Claimed,
    Posted,
    Skipped,
}

public sealed record ScheduleRun(string Job, DateTimeOffset Occurrence, ScheduleRunStatus Status, string? MessageId, DateTimeOffset UpdatedAt);

/// <summary>The ledger of a single process without storage (tests, <c>AddSloBotChat</c> alone).</summary>
internal sealed class InMemoryScheduleLedger : IScheduleLedger
{
    private readonly Lock _sync = new();
    private readonly Dictionary<(string, DateTimeOffset), ScheduleRun> _runs = [];

    public Task<DateTimeOffset?> LastAsync(string job, CancellationToken cancellationToken)
    {
        lock (_sync)
            return Task.FromResult(_runs.Values.Where(r => r.Job == job).Select(r => (DateTimeOffset?)r.Occurrence).Max());
    }

    public Task<bool> TryClaimAsync(string job, DateTimeOffset occurrence, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            if (_runs.TryGetValue((job, occurrence), out var run)
                && !(run.Status == ScheduleRunStatus.Claimed && run.MessageId is null && now - run.UpdatedAt >= IScheduleLedger.StaleClaim))
                return Task.FromResult(false);
            _runs[(job, occurrence)] = new ScheduleRun(job, occurrence, ScheduleRunStatus.Claimed, null, now);
            return Task.FromResult(true);
        }
    }

    public Task CompleteAsync(string job, DateTimeOffset occurrence, ScheduleRunStatus status, string? messageId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_sync)
            _runs[(job, occurrence)] = new ScheduleRun(job, occurrence, status, messageId, now);
        return Task.CompletedTask;
    }

    public Task ReleaseAsync(string job, DateTimeOffset occurrence, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            if (_runs.TryGetValue((job, occurrence), out var run) && run.Status == ScheduleRunStatus.Claimed)
                _runs.Remove((job, occurrence));
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ScheduleRun>> RecentAsync(string job, int limit, CancellationToken cancellationToken)
    {
        lock (_sync)
            return Task.FromResult<IReadOnlyList<ScheduleRun>>(_runs.Values.Where(r => r.Job == job).OrderByDescending(r => r.Occurrence).Take(limit).ToArray());
    }
}
