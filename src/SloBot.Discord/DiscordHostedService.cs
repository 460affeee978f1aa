using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SloBot.Chat.Delivery;
using SloBot.Discord.Commands;
using SloBot.Discord.Configuration;
using SloBot.Discord.Gateway;
using SloBot.Discord.Inbound;
using SloBot.Transport.Inbound;

namespace SloBot.Discord;

/// <summary>Registers <c>/slo</c>, then (Gateway mode) runs this replica's share of the Gateway shards. Never takes the host down.</summary>
internal sealed partial class DiscordHostedService(
    CommandRegistrar registrar,
    GatewayShards gateway,
    [FromKeyedServices(DiscordInbound.Work)] InboundWork work,
    IOptions<DiscordOptions> options,
    TimeProvider time,
    ILogger<DiscordHostedService> logger) : BackgroundService
{
    private const int RegistrationAttempts = 6;

    /// <summary>Registration retries: 5 s doubling (5, 10, 20, 40, 80 s over its six attempts), no jitter: one call per replica start.</summary>
    private static readonly Backoff RegistrationRetry = new(TimeSpan.FromSeconds(5), 2, TimeSpan.FromSeconds(80));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var registration = RegisterAsync(stoppingToken);
        if (options.Value.Mode == DiscordMode.Gateway)
            await RunGatewayAsync(stoppingToken).ConfigureAwait(false);
        await registration.ConfigureAwait(false);
    }

    /// <summary>
    /// Closes the Gateway, then waits for the interactions and thread messages being handled until the host's grace
    /// period ends; what is still running then is answered "SloBot is restarting" (<see cref="InboundWork"/>).
    /// </summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        var running = work.InFlight;
        if (running > 0)
            LogDraining(logger, running);
        var drain = await work.DrainAsync(cancellationToken).ConfigureAwait(false);
        if (drain.Unfinished > 0)
            LogDrainCut(logger, drain.Unfinished);
    }

    /// <summary>Registers /slo, retrying network failures with backoff; a refusal (bad token, bad id) is logged once.</summary>
    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "Registration failure is logged and the bot keeps answering with the previously registered command.")]
    private async Task RegisterAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await registrar.RegisterAsync(stoppingToken).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (TransientDeliveryException ex) when (attempt < RegistrationAttempts)
            {
                LogRegistrationRetry(logger, ex.Message, attempt);
                try
                {
                    await Task.Delay(RegistrationRetry.Delay(attempt), time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            catch (Exception ex)
            {
                LogRegistrationFailed(logger, ex.Message);
                return;
            }
        }
    }

    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "A gateway crash is logged and must not stop the host (HTTP interactions keep working).")]
    private async Task RunGatewayAsync(CancellationToken stoppingToken)
    {
        try
        {
            await gateway.RunAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // host stopping
        }
        catch (Exception ex)
        {
            LogGatewayFailed(logger, ex);
        }
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Error, Message = "Could not register the Discord /slo command: {Reason}. The bot still answers if the command was registered before.")]
    private static partial void LogRegistrationFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Could not register the Discord /slo command yet ({Reason}); attempt {Attempt}, retrying")]
    private static partial void LogRegistrationRetry(ILogger logger, string reason, int attempt);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "Shutdown: waiting for {Count} Discord interactions and messages still being handled")]
    private static partial void LogDraining(ILogger logger, int count);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "Shutdown: {Count} Discord interactions or messages did not finish, not even their restart notice")]
    private static partial void LogDrainCut(ILogger logger, int count);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Critical, Message = "The Discord Gateway connection stopped unexpectedly; the rest of SloBot keeps running")]
    private static partial void LogGatewayFailed(ILogger logger, Exception exception);
}
