using System.Text.Json.Nodes;
using Humanizer;
using Microsoft.Extensions.Logging;
using SloBot.Discord.Rest;

namespace SloBot.Discord.Gateway;

/// <summary>
/// Before each Identify: asks <c>GET /gateway/bot</c> for the Gateway URL and <c>session_start_limit</c>, waits
/// out an exhausted daily limit (exceeding it gets the token reset), and keeps identifies 5 s apart per
/// <c>max_concurrency</c> bucket. Resumes do not count and skip all of this.
/// </summary>
internal sealed partial class IdentifyPacer(DiscordRestClient rest, TimeProvider time, ILogger<IdentifyPacer> logger)
{
    private static readonly TimeSpan IdentifySpacing = TimeSpan.FromSeconds(5);
    private DateTimeOffset? _lastIdentify;

    /// <summary>The Gateway URL from the last <c>GET /gateway/bot</c>.</summary>
    public string? GatewayUrl { get; private set; }

    public async Task<string> BeforeIdentifyAsync(CancellationToken cancellationToken)
    {
        var info = await rest.SendJsonAsync(DiscordRoute.GatewayBot(), null, cancellationToken).ConfigureAwait(false);
        GatewayUrl = info?["url"]?.GetValue<string>() ?? throw new InvalidOperationException("GET /gateway/bot returned no url");
        var limit = info["session_start_limit"];
        var remaining = limit?["remaining"]?.GetValue<int>() ?? 1;
        var concurrency = Math.Max(1, limit?["max_concurrency"]?.GetValue<int>() ?? 1);
        if (remaining <= 0)
        {
            var resetAfter = TimeSpan.FromMilliseconds(limit?["reset_after"]?.GetValue<double>() ?? 60_000);
            LogStartLimit(logger, limit?["total"]?.GetValue<int>() ?? 0, resetAfter.Humanize(2));
            await Task.Delay(resetAfter, time, cancellationToken).ConfigureAwait(false);
        }

        if (_lastIdentify is { } last)
        {
            var wait = last + (IdentifySpacing / concurrency) - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }

        _lastIdentify = time.GetUtcNow();
        return GatewayUrl;
    }

    /// <summary>The cached Gateway URL, fetched when there is none yet.</summary>
    public async Task<string> UrlAsync(CancellationToken cancellationToken)
    {
        if (GatewayUrl is not null)
            return GatewayUrl;
        var info = await rest.SendJsonAsync(DiscordRoute.GatewayBot(), null, cancellationToken).ConfigureAwait(false);
        return GatewayUrl = info?["url"]?.GetValue<string>() ?? throw new InvalidOperationException("GET /gateway/bot returned no url");
    }

    [LoggerMessage(EventId = 4400, Level = LogLevel.Warning, Message = "Discord's daily session start limit ({Total}) is used up: waiting {ResetAfter} before identifying again")]
    private static partial void LogStartLimit(ILogger logger, int total, string resetAfter);
}
