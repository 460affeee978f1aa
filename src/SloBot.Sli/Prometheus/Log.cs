using Microsoft.Extensions.Logging;

namespace SloBot.Sli.Prometheus;

internal static partial class Log
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Debug, Message = "Prometheus {Endpoint} answered {Series} series in {ElapsedMs} ms ({QueryLength} characters of PromQL)")]
    public static partial void QueryAnswered(ILogger logger, string endpoint, int series, long elapsedMs, int queryLength);

    // Debug: whoever asked (the chat dispatcher, the scheduler, the alerter) logs the failure with its own context.
    [LoggerMessage(EventId = 2101, Level = LogLevel.Debug, Message = "Prometheus query failed: {Reason}")]
    public static partial void QueryFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Prometheus refused the query of {Slo}; the other SLOs are answered: {Reason}")]
    public static partial void SloRefused(ILogger logger, string slo, string reason);
}
