using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using Humanizer;
using Microsoft.Extensions.Logging;
using SloBot.Chat.Leases;
using SloBot.Discord.Rest;

namespace SloBot.Discord.Gateway;

/// <summary>
/// Before each Identify: asks <c>GET /gateway/bot</c> for the Gateway URL and <c>session_start_limit</c>, waits
/// out an exhausted daily limit (exceeding it gets the token reset), and, once connected, lets one shard per
/// <c>shard_id % max_concurrency</c> bucket identify per 5 s (timed at the Identify itself, as Discord counts them). The bucket's turn is a 5-second lease in the shared
/// store, so the pacing holds across replicas; if the store cannot be reached, it holds within this process.
/// Resumes do not count and skip all of this.
/// </summary>
internal sealed partial class IdentifyPacer(DiscordRestClient rest, IPartitionLeases leases, GatewayReplica replica, TimeProvider time, ILogger<IdentifyPacer> logger)
{
    public const string Group = "discord-identify";
    private static readonly TimeSpan IdentifySpacing = TimeSpan.FromSeconds(5);
    private readonly Lock _sync = new();
    private readonly Dictionary<int, DateTimeOffset> _localTurns = [];

    /// <summary><c>GET /gateway/bot</c>: the URL, the recommended shard count and <c>session_start_limit</c>, read from any JSON shape.</summary>
    public async Task<GatewayBot> GatewayBotAsync(CancellationToken cancellationToken)
    {
        var info = await rest.SendJsonAsync(DiscordRoute.GatewayBot(), null, cancellationToken).ConfigureAwait(false);
        return GatewayBot.Read(info) ?? throw new Chat.Delivery.TransientDeliveryException("GET /gateway/bot returned no url");
    }

    /// <summary>Before connecting to identify: the Gateway URL and concurrency, after waiting out a used-up daily start limit.</summary>
    public async Task<GatewayBot> BeforeIdentifyAsync(CancellationToken cancellationToken)
    {
        var info = await GatewayBotAsync(cancellationToken).ConfigureAwait(false);
        if (info.Remaining <= 0)
        {
            LogStartLimit(logger, info.Total, info.ResetAfter.Humanize(2));
            await Task.Delay(info.ResetAfter, time, cancellationToken).ConfigureAwait(false);
        }

        return info;
    }

    /// <summary>Connected, Hello received: waits for the shard's bucket to be free, then takes its 5-second turn to identify.</summary>
    public async Task TakeIdentifyTurnAsync(ShardId shard, int maxConcurrency, CancellationToken cancellationToken)
    {
        var bucket = shard.Bucket(maxConcurrency);
        while (true)
        {
            var now = time.GetUtcNow();
            var turn = await TryTakeTurnAsync(bucket, now, cancellationToken).ConfigureAwait(false);
            if (turn is null)
                return;
            if (turn > now)
                await Task.Delay(turn.Value - now, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <returns>Null when this shard may identify now; else when the bucket's current turn ends.</returns>
    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "A store failure falls back to pacing within the process; identifying must not wait for the database.")]
    private async Task<DateTimeOffset?> TryTakeTurnAsync(int bucket, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            var attempt = await leases.TryAcquireAsync(Group, bucket, replica.Name, now, now + IdentifySpacing, cancellationToken).ConfigureAwait(false);
            return attempt.Acquired ? null : attempt.HeldUntil;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogStoreFailed(logger, ex.GetType().Name);
            lock (_sync)
            {
                if (_localTurns.TryGetValue(bucket, out var last) && last + IdentifySpacing > now)
                    return last + IdentifySpacing;
                _localTurns[bucket] = now;
                return null;
            }
        }
    }

    [LoggerMessage(EventId = 4400, Level = LogLevel.Warning, Message = "Discord's daily session start limit ({Total}) is used up: waiting {ResetAfter} before identifying again")]
    private static partial void LogStartLimit(ILogger logger, int total, string resetAfter);

    [LoggerMessage(EventId = 4401, Level = LogLevel.Warning, Message = "Could not take the identify turn from the state store ({Error}); pacing identifies within this process only")]
    private static partial void LogStoreFailed(ILogger logger, string error);
}

/// <summary>What <c>GET /gateway/bot</c> says; missing or odd fields take safe defaults (1 shard, concurrency 1).</summary>
internal sealed record GatewayBot(string Url, int Shards, int MaxConcurrency, int Remaining, int Total, TimeSpan ResetAfter)
{
    public static GatewayBot? Read(JsonNode? info)
    {
        if (info is not JsonObject bot || Str(bot["url"]) is not { Length: > 0 } url)
            return null;
        var limit = bot["session_start_limit"] as JsonObject;
        return new GatewayBot(
            url,
            Math.Max(1, Int(bot["shards"]) ?? 1),
            Math.Max(1, Int(limit?["max_concurrency"]) ?? 1),
            Int(limit?["remaining"]) ?? 1,
            Int(limit?["total"]) ?? 0,
            TimeSpan.FromMilliseconds(Math.Clamp(Number(limit?["reset_after"]) ?? 60_000, 0, TimeSpan.FromDays(1).TotalMilliseconds)));
    }

    private static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static int? Int(JsonNode? node) => Number(node) is { } d && d is >= int.MinValue and <= int.MaxValue ? (int)d : null;

    private static double? Number(JsonNode? node) => node is JsonValue v && v.TryGetValue<double>(out var d) && double.IsFinite(d) ? d : null;
}
