using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SloBot.Chat.Delivery;

/// <summary>
/// The outbox's and the inbox's recovery worker, one per process: renews the leases of what this process is delivering
/// and working on (three times per lease) and, every <see cref="OutboxOptions.RecoveryInterval"/>, delivers what a dead
/// process (or this one before a restart) left recorded, and runs the inbound work it left unanswered. The host keeps
/// running whatever the store says.
/// </summary>
internal sealed partial class OutboxRecovery(Outbox outbox, TimeProvider time, ILogger<OutboxRecovery> logger, OutboxOptions? options = null, Inbox? inbox = null, InboxReplay? replay = null) : BackgroundService
{
    private readonly OutboxOptions _options = options ?? new OutboxOptions();

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var loops = new List<Task>
        {
            EveryAsync(_options.LeaseDuration / 3, outbox.RenewLeasesAsync, stoppingToken),
            EveryAsync(_options.RecoveryInterval, outbox.RecoverAsync, stoppingToken),
        };
        if (inbox is not null)
            loops.Add(EveryAsync(_options.InboxLeaseDuration / 3, inbox.RenewLeasesAsync, stoppingToken));
        if (replay is not null)
            loops.Add(EveryAsync(_options.RecoveryInterval, replay.RecoverAsync, stoppingToken));
        return Task.WhenAll(loops);
    }

    private async Task EveryAsync(TimeSpan period, Func<CancellationToken, Task<int>> work, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(period, time);
        do
        {
            try
            {
                await work(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogPassFailed(logger, ex.GetType().Name, ex.Message);
            }
        }
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "Outbox recovery pass failed ({Kind}): {Reason}; trying again on the next pass")]
    private static partial void LogPassFailed(ILogger logger, string kind, string reason);
}
