using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SloBot.Chat.Conversations;
using SloBot.Chat.Delivery;
using SloBot.Chat.Telemetry;

namespace SloBot.Chat.Schedules;

/// <summary>
/// Posts the scheduled posts when due: every minute (and at start) each post's due occurrence is claimed in the
/// ledger — only the claimer posts, so a post goes out once across restarts and replicas — built from live data for
/// the period since the previous occurrence, posted (the transport's outbox retries it; the run's
/// <see cref="DeliveryIntent"/> keeps a redone run from posting twice), and recorded with its message id. A missed
/// occurrence is posted late while within its grace, otherwise recorded as skipped. A failed post gives its claim
/// back and is tried again the next minute.
/// </summary>
internal sealed partial class Scheduler(
    IOptions<ScheduleOptions> options,
    IScheduleLedger ledger,
    ScheduledPostBuilder builder,
    ThreadPosts posts,
    TimeProvider time,
    ILogger<Scheduler> logger) : BackgroundService
{
    private IReadOnlyList<ScheduledPost>? _resolved;

    /// <summary>
    /// Resolved on first use, after start-up validation has named every bad key; a post to a platform SloBot is not
    /// connected to is left out with one error line, not one a minute.
    /// </summary>
    private IReadOnlyList<ScheduledPost> Posts => _resolved ??= options.Value.Posts().Where(Connected).ToArray();

    private bool Connected(ScheduledPost post)
    {
        if (posts.TransportFor(post.Channel.Platform) is not null)
            return true;
        LogNotConnected(logger, post.Job, post.Channel.ToString(), post.Channel.Platform);
        return false;
    }

    /// <summary>Completes after each round (tests wait for it instead of sleeping).</summary>
    public event Action<DateTimeOffset>? RoundCompleted;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Posts.Count == 0)
            return;
        foreach (var post in Posts)
            LogScheduled(logger, post.Job, post.CronText, post.Zone.Id, post.Channel.ToString(), ScheduleMath.Next(post.Cron, post.Zone, time.GetUtcNow()));
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), time);
        try
        {
            do
            {
                await RunDueAsync(stoppingToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    /// <summary>One round: every post that is due now goes out (or is recorded as skipped).</summary>
    public async Task RunDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var post in Posts)
        {
            try
            {
                await RunAsync(post, now, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, post.Job, ex.Message);
            }
        }

        RoundCompleted?.Invoke(now);
    }

    private async Task RunAsync(ScheduledPost post, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var last = await ledger.LastAsync(post.Job, cancellationToken).ConfigureAwait(false);
        var (run, skipped) = ScheduleMath.Due(post.Cron, post.Zone, last, now, post.Grace);
        if (run is null && skipped.Count > 0 && await ledger.TryClaimAsync(post.Job, skipped[^1], now, cancellationToken).ConfigureAwait(false))
        {
            // Only the latest missed one is recorded: it moves the post's "last" past all of them.
            await ledger.CompleteAsync(post.Job, skipped[^1], ScheduleRunStatus.Skipped, null, now, cancellationToken).ConfigureAwait(false);
            ChatTelemetry.ScheduledRuns.Add(skipped.Count, new TagList { { "job", post.Job }, { "status", "skipped" } });
            LogSkipped(logger, post.Job, skipped.Count, skipped[0], skipped[^1]);
        }
        else if (skipped.Count > 0)
        {
            LogSkipped(logger, post.Job, skipped.Count, skipped[0], skipped[^1]);
        }

        if (run is not { } due || !await ledger.TryClaimAsync(post.Job, due, now, cancellationToken).ConfigureAwait(false))
            return;
        try
        {
            var transport = posts.TransportFor(post.Channel.Platform)!; // Posts holds connected platforms only
            var (from, to) = ScheduleMath.Period(post.Cron, post.Zone, due);
            var reply = await builder.BuildAsync(post.Kind, from, to, post.Zone, cancellationToken).ConfigureAwait(false);
            var posted = await transport.PostAsync(post.Channel, reply, DeliveryIntent.ScheduleRun(post.Job, due), cancellationToken).ConfigureAwait(false);
            await ledger.CompleteAsync(post.Job, due, ScheduleRunStatus.Posted, posted.MessageId, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            LogPosted(logger, post.Job, due, post.Channel.ToString(), posted.MessageId);
            ChatTelemetry.ScheduledRuns.Add(1, new TagList { { "job", post.Job }, { "status", "posted" } });
        }
        catch
        {
            ChatTelemetry.ScheduledRuns.Add(1, new TagList { { "job", post.Job }, { "status", "failed" } });
            await ledger.ReleaseAsync(post.Job, due, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    [LoggerMessage(EventId = 800, Level = LogLevel.Information, Message = "Scheduled post {Job}: cron '{Cron}' in {Zone} to {Channel}; next at {Next:u}")]
    private static partial void LogScheduled(ILogger logger, string job, string cron, string zone, string channel, DateTimeOffset? next);

    [LoggerMessage(EventId = 801, Level = LogLevel.Information, Message = "Scheduled post {Job} of {Occurrence:u} posted to {Channel} (message {MessageId})")]
    private static partial void LogPosted(ILogger logger, string job, DateTimeOffset occurrence, string channel, string messageId);

    [LoggerMessage(EventId = 802, Level = LogLevel.Warning, Message = "Scheduled post {Job}: {Count} occurrence(s) from {First:u} to {Last:u} skipped, past their grace")]
    private static partial void LogSkipped(ILogger logger, string job, int count, DateTimeOffset first, DateTimeOffset last);

    [LoggerMessage(EventId = 804, Level = LogLevel.Error, Message = "Scheduled post {Job} is off: its channel {Channel} is on {Platform}, which SloBot is not connected to (configure SloBot:{Platform}:* or change the channel)")]
    private static partial void LogNotConnected(ILogger logger, string job, string channel, string platform);

    [LoggerMessage(EventId = 803, Level = LogLevel.Error, Message = "Scheduled post {Job} failed; it is tried again next minute while within its grace: {Reason}")]
    private static partial void LogFailed(ILogger logger, string job, string reason);
}
