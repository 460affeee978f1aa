using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SloBot.Chat.Delivery;

/// <summary>
/// The outbox's recovery worker, one per process: renews the leases of what this process is delivering (three times per
/// <see cref="OutboxOptions.LeaseDuration"/>) and, every <see cref="OutboxOptions.RecoveryInterval"/>, delivers what
/// a dead process (or this one before a restart) left recorded. The host keeps running whatever the store says.
/// </summary>
internal sealed partial class OutboxRecovery(Outbox outbox, TimeProvider time, ILogger<OutboxRecovery> logger, OutboxOptions? options = null) : BackgroundService
{
    private readonly OutboxOptions _options = options ?? new OutboxOptions();

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(
            EveryAsync(_options.LeaseDuration / 3, outbox.RenewLeasesAsync, stoppingToken),
            EveryAsync(_options.RecoveryInterval, outbox.RecoverAsync, stoppingToken));

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
