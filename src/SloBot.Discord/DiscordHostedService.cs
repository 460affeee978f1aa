using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SloBot.Discord.Commands;
using SloBot.Discord.Gateway;

namespace SloBot.Discord;

/// <summary>Registers <c>/slo</c>, then (Gateway mode) stays connected to the Gateway. Never takes the host down.</summary>
internal sealed partial class DiscordHostedService(
    CommandRegistrar registrar,
    GatewayClient gateway,
    GatewayEvents events,
    IOptions<DiscordOptions> options,
    ILogger<DiscordHostedService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await registrar.RegisterAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            LogRegistrationFailed(logger, ex.Message);
        }

        if (options.Value.Mode != DiscordMode.Gateway)
            return;
        try
        {
            events.StopWith(stoppingToken);
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

    [LoggerMessage(EventId = 4002, Level = LogLevel.Critical, Message = "The Discord Gateway connection stopped unexpectedly; the rest of SloBot keeps running")]
    private static partial void LogGatewayFailed(ILogger logger, Exception exception);
}
