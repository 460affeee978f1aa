using System.Diagnostics.CodeAnalysis;
using Humanizer;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SloBot.Chat.Delivery;
using SloBot.Chat.Leases;
using SloBot.Discord.Configuration;
using SloBot.Discord.Rest;

namespace SloBot.Discord.Gateway;

/// <summary>
/// The Gateway shards this replica runs, leased in the shared store: every <see cref="DiscordOptions.ShardRenewal"/>
/// it heartbeats and renews its leases (<see cref="DiscordOptions.ShardLease"/>), closes a shard whose lease another
/// owner now holds, gives up shards above its fair share and takes free or expired ones up to it, one
/// <see cref="GatewayClient"/> per shard. When renewals fail it closes its shards before their leases can run out, so
/// two replicas never run one shard. On stop it closes them and releases its leases for the others to take at once.
/// </summary>
internal sealed partial class GatewayShards(
    IPartitionLeases leases,
    IdentifyPacer pacer,
    GatewayEvents events,
    GatewayReplica replica,
    IOptions<DiscordOptions> options,
    TimeProvider time,
    ILoggerFactory loggers)
{
    /// <summary>
    /// Retries of <c>GET /gateway/bot</c>: 1 s doubling up to 1 minute, times 0.5–1.5 (as the Gateway's reconnects), so
    /// replicas started together do not ask Discord again in step.
    /// </summary>
    private static readonly Backoff CountRetry = new(TimeSpan.FromSeconds(1), 2, TimeSpan.FromMinutes(1), 0.5, 1.5);

    private readonly ILogger _logger = loggers.CreateLogger<GatewayShards>();
    private readonly DiscordOptions _options = options.Value;
    private readonly Lock _sync = new();
    private readonly Dictionary<int, RunningShard> _running = [];
    private TaskCompletionSource _shardEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DateTimeOffset _leasedUntil;

    /// <summary>The shard count in use, once known.</summary>
    public int? Count { get; private set; }

    /// <summary>Why the transport stopped for good (a fatal close code, a refused token), or null while it runs.</summary>
    public string? StoppedBecause { get; private set; }

    /// <summary>The shards running in this replica now, by id.</summary>
    public IReadOnlyDictionary<int, GatewayClient> Running
    {
        get
        {
            lock (_sync)
                return _running.ToDictionary(kv => kv.Key, kv => kv.Value.Client);
        }
    }

    public string Group => $"discord-shards/{Count}";

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        Count = await ShardCountAsync(stoppingToken).ConfigureAwait(false);
        if (Count is not { } count)
            return;
        LogStarting(_logger, replica.Name, count, _options.ShardCount is null ? "Discord's recommendation" : "SloBot:Discord:ShardCount");
        try
        {
            while (!stoppingToken.IsCancellationRequested && StoppedBecause is null)
            {
                await TickAsync(count, stoppingToken).ConfigureAwait(false);
                if (StoppedBecause is not null)
                    break;
                Task ended;
                lock (_sync)
                    ended = _shardEnded.Task;
                await Task.WhenAny(Task.Delay(_options.ShardRenewal, time, stoppingToken), ended).ConfigureAwait(false);
            }
        }
        finally
        {
            await StopAllAsync().ConfigureAwait(false);
            await ReleaseAllAsync().ConfigureAwait(false);
        }
    }

    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "Whatever the store throws, the replica keeps its shards only while their leases surely last.")]
    private async Task TickAsync(int count, CancellationToken stoppingToken)
    {
        ReapEnded();
        if (StoppedBecause is not null)
            return;
        var now = time.GetUtcNow();
        LeaseTable table;
        try
        {
            table = await leases.RenewAsync(Group, replica.Name, now, now + _options.ShardLease, stoppingToken).ConfigureAwait(false);
            _leasedUntil = now + _options.ShardLease;
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            LogRenewFailed(_logger, ex.GetType().Name, (_leasedUntil > now ? _leasedUntil - now : TimeSpan.Zero).Humanize());
            if (_leasedUntil - now <= _options.ShardRenewal)
                await GiveUpAsync(Running.Keys, "its lease could not be renewed before it ends", release: false).ConfigureAwait(false);
            return;
        }

        var mine = table.Leases.Where(l => l.Owner == replica.Name).Select(l => l.Partition).Where(p => p < count).ToHashSet();
        var others = table.Leases.Where(l => l.Owner != replica.Name && l.ExpiresAt > now).Select(l => l.Partition).ToHashSet();
        await GiveUpAsync(Running.Keys.Where(id => !mine.Contains(id)), "another replica holds its lease", release: false).ConfigureAwait(false);

        var (giveUp, tryTake) = ShardShare.Plan(count, table.LiveOwners.Count, mine, others);
        await GiveUpAsync(giveUp, "it is above this replica's fair share", release: true).ConfigureAwait(false);
        mine.ExceptWith(giveUp);
        var share = ShardShare.FairShare(count, table.LiveOwners.Count);
        foreach (var id in tryTake)
        {
            if (mine.Count >= share)
                break;
            try
            {
                if ((await leases.TryAcquireAsync(Group, id, replica.Name, now, now + _options.ShardLease, stoppingToken).ConfigureAwait(false)).Acquired)
                    mine.Add(id);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogTakeFailed(_logger, id, ex.GetType().Name);
                break;
            }
        }

        foreach (var id in mine.Order())
            Start(new ShardId(id, count), stoppingToken);
    }

    [SuppressMessage("Reliability", "CA2000:Dispose objects before losing scope", Justification = "The token source belongs to the running shard and is disposed when it is stopped or reaped.")]
    private void Start(ShardId shard, CancellationToken stoppingToken)
    {
        lock (_sync)
        {
            if (_running.ContainsKey(shard.Id))
                return;
            var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var client = new GatewayClient(shard, pacer, events, options, time, loggers.CreateLogger<GatewayClient>());
            var task = Task.Run(() => RunShardAsync(client, stop.Token), CancellationToken.None);
            _running[shard.Id] = new RunningShard(client, stop, task);
        }

        LogShardStarted(_logger, shard.ToString(), replica.Name);
    }

    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "A shard's crash is logged and the shard restarted on the next renewal; the other shards keep running.")]
    private async Task RunShardAsync(GatewayClient client, CancellationToken cancellationToken)
    {
        try
        {
            await client.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // given up or stopping
        }
        catch (Exception ex)
        {
            LogShardFailed(_logger, ex, client.Shard.ToString());
        }
        finally
        {
            if (!cancellationToken.IsCancellationRequested)
            {
                lock (_sync)
                    _shardEnded.TrySetResult();
            }
        }
    }

    /// <summary>Shards whose loop ended by itself: a fatal close stops the transport, anything else is started again.</summary>
    private void ReapEnded()
    {
        lock (_sync)
        {
            if (_shardEnded.Task.IsCompleted)
                _shardEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
            foreach (var (id, shard) in _running.Where(kv => kv.Value.Task.IsCompleted).ToArray())
            {
                StoppedBecause ??= shard.Client.StoppedBecause;
                shard.Stop.Dispose();
                _running.Remove(id);
            }
        }
    }

    private async Task GiveUpAsync(IEnumerable<int> ids, string why, bool release)
    {
        foreach (var id in ids.ToArray())
        {
            RunningShard? shard;
            lock (_sync)
            {
                if (_running.Remove(id, out shard))
                    LogShardGivenUp(_logger, shard.Client.Shard.ToString(), why);
            }

            if (shard is not null)
                await shard.StopAsync().ConfigureAwait(false);
            if (release)
                await ReleaseAsync(id).ConfigureAwait(false);
        }
    }

    private async Task StopAllAsync()
    {
        RunningShard[] all;
        lock (_sync)
        {
            all = [.. _running.Values];
            _running.Clear();
        }

        await Task.WhenAll(all.Select(s => s.StopAsync())).ConfigureAwait(false);
    }

    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "An unreleased lease simply expires; stopping must not fail because the store is away.")]
    private async Task ReleaseAsync(int? id)
    {
        try
        {
            await leases.ReleaseAsync(Group, replica.Name, id, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogReleaseFailed(_logger, ex.GetType().Name, _options.ShardLease.Humanize());
        }
    }

    private Task ReleaseAllAsync() => Count is null ? Task.CompletedTask : ReleaseAsync(null);

    /// <returns>The configured count, or Discord's recommendation (retried with backoff); null when the token is refused.</returns>
    private async Task<int?> ShardCountAsync(CancellationToken stoppingToken)
    {
        if (_options.ShardCount is { } configured)
            return configured;
        for (var failures = 1; ; failures++)
        {
            try
            {
                return (await pacer.GatewayBotAsync(stoppingToken).ConfigureAwait(false)).Shards;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return null;
            }
            catch (DiscordApiException ex) when (ex.Status == System.Net.HttpStatusCode.Unauthorized)
            {
                StoppedBecause = CloseCodes.WhatToFix(4004);
                LogFatal(_logger, StoppedBecause);
                return null;
            }
            catch (Exception ex) when (ex is HttpRequestException or TransientDeliveryException or DiscordApiException or System.Text.Json.JsonException)
            {
                var backoff = CountRetry.Delay(failures);
                LogCountFailed(_logger, ex.Message, backoff.Humanize());
                try
                {
                    await Task.Delay(backoff, time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return null;
                }
            }
        }
    }

    private sealed record RunningShard(GatewayClient Client, CancellationTokenSource Stop, Task Task)
    {
        public async Task StopAsync()
        {
            await Stop.CancelAsync().ConfigureAwait(false);
            await Task.ConfigureAwait(false);
            Stop.Dispose();
        }
    }

    [LoggerMessage(EventId = 4800, Level = LogLevel.Information, Message = "Discord shards: replica {Replica} shares {Count} shards (from {Source})")]
    private static partial void LogStarting(ILogger logger, string replica, int count, string source);

    [LoggerMessage(EventId = 4801, Level = LogLevel.Information, Message = "Discord shard {Shard} leased by replica {Replica}: connecting")]
    private static partial void LogShardStarted(ILogger logger, string shard, string replica);

    [LoggerMessage(EventId = 4802, Level = LogLevel.Warning, Message = "Discord shard {Shard} closed here: {Why}")]
    private static partial void LogShardGivenUp(ILogger logger, string shard, string why);

    [LoggerMessage(EventId = 4803, Level = LogLevel.Warning, Message = "Could not renew the Discord shard leases ({Error}); they last {Left} more")]
    private static partial void LogRenewFailed(ILogger logger, string error, string left);

    [LoggerMessage(EventId = 4804, Level = LogLevel.Warning, Message = "Could not lease Discord shard {Shard} ({Error}); trying again at the next renewal")]
    private static partial void LogTakeFailed(ILogger logger, int shard, string error);

    [LoggerMessage(EventId = 4805, Level = LogLevel.Warning, Message = "Could not release the Discord shard leases ({Error}); they expire by themselves within {Lease}")]
    private static partial void LogReleaseFailed(ILogger logger, string error, string lease);

    [LoggerMessage(EventId = 4806, Level = LogLevel.Warning, Message = "Could not read Discord's recommended shard count ({Reason}); retrying in {Backoff}")]
    private static partial void LogCountFailed(ILogger logger, string reason, string backoff);

    [LoggerMessage(EventId = 4807, Level = LogLevel.Error, Message = "Discord shard {Shard} stopped unexpectedly; it restarts at the next renewal")]
    private static partial void LogShardFailed(ILogger logger, Exception exception, string shard);

    [LoggerMessage(EventId = 4808, Level = LogLevel.Critical, Message = "Discord transport stopped: {WhatToFix}")]
    private static partial void LogFatal(ILogger logger, string whatToFix);
}
