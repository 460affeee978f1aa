using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using SloBot.Chat.Telemetry;

namespace SloBot.Chat.Delivery;

/// <summary>
/// Ordered, retrying, de-duplicating delivery shared by the transports: items for one channel go out one at a
/// time in the order they were enqueued; a <see cref="TransientDeliveryException"/> waits (its RetryAfter, else
/// exponential backoff) and retries the same item; an idempotency key already delivered returns the first result
/// instead of sending again. Messages sent as an <see cref="OutboxMessage"/> are also recorded in the
/// <see cref="IOutboxStore"/> before their first attempt and survive the process (Outbox.Persisted.cs).
/// </summary>
public sealed partial class Outbox(
    TimeProvider time,
    ILogger<Outbox> logger,
    OutboxOptions? options = null,
    IOutboxStore? store = null,
    IEnumerable<IOutboxSender>? senders = null)
{
    private readonly OutboxOptions _options = options ?? new OutboxOptions();
    private readonly Dictionary<string, Lane> _lanes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task<object?>> _delivered = new();

    /// <summary>Lanes currently held or waited for (the others are forgotten).</summary>
    internal int ActiveLanes
    {
        get
        {
            lock (_lanes)
                return _lanes.Count;
        }
    }

    public async Task<T> SendAsync<T>(string lane, string idempotencyKey, Func<CancellationToken, Task<T>> send, CancellationToken cancellationToken)
    {
        ChatTelemetry.OutboxDepth.Add(1);
        try
        {
            return await SendInLaneAsync(lane, idempotencyKey, send, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ChatTelemetry.OutboxDepth.Add(-1);
        }
    }

    private async Task<T> SendInLaneAsync<T>(string lane, string idempotencyKey, Func<CancellationToken, Task<T>> send, CancellationToken cancellationToken)
    {
        var gate = Enter(lane);
        try
        {
            await gate.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Leave(lane, gate, acquired: false);
            throw;
        }

        try
        {
            if (_delivered.TryGetValue(idempotencyKey, out var earlier) && earlier.IsCompletedSuccessfully)
                return (T)earlier.Result!;
            var result = await DeliverAsync(lane, send, cancellationToken).ConfigureAwait(false);
            Remember(idempotencyKey, result);
            return result;
        }
        finally
        {
            Leave(lane, gate, acquired: true);
        }
    }

    /// <summary>Lanes exist only while something uses them, so per-message lanes (interaction ids) do not pile up.</summary>
    private Lane Enter(string lane)
    {
        lock (_lanes)
        {
            if (!_lanes.TryGetValue(lane, out var entry))
                _lanes[lane] = entry = new Lane();
            entry.Users++;
            return entry;
        }
    }

    private void Leave(string lane, Lane entry, bool acquired)
    {
        if (acquired)
            entry.Gate.Release();
        lock (_lanes)
        {
            if (--entry.Users == 0)
            {
                _lanes.Remove(lane);
                entry.Gate.Dispose();
            }
        }
    }

    private async Task<T> DeliverAsync<T>(string lane, Func<CancellationToken, Task<T>> send, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await send(cancellationToken).ConfigureAwait(false);
            }
            catch (TransientDeliveryException ex) when (attempt < _options.MaxAttempts)
            {
                var delay = ex.RetryAfter ?? Backoff(attempt);
                LogRetry(logger, lane, attempt, delay, ex.Message);
                ChatTelemetry.OutboxRetries.Add(1, new KeyValuePair<string, object?>("reason", ex.RetryAfter is null ? "transient" : "rate_limited"));
                if (ex.RetryAfter is { } wait)
                    ChatTelemetry.RateLimitWaits.Record(wait.TotalSeconds, new KeyValuePair<string, object?>("source", "retry_after"));
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Doubling from <see cref="OutboxOptions.InitialBackoff"/> up to <see cref="OutboxOptions.MaxBackoff"/>, ±20 %.</summary>
    private TimeSpan Backoff(int attempt) =>
        new Backoff(_options.InitialBackoff, 2, _options.MaxBackoff, 0.8, 1.2).Delay(attempt);

    private void Remember<T>(string key, T result)
    {
        if (_delivered.Count >= _options.RememberedKeys)
            _delivered.Clear(); // bounded memory; redeliveries arrive within seconds, not after thousands of messages
        _delivered[key] = Task.FromResult<object?>(result);
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Warning, Message = "Delivery on {Lane} failed (attempt {Attempt}), retrying in {Delay}: {Reason}")]
    private static partial void LogRetry(ILogger logger, string lane, int attempt, TimeSpan delay, string reason);
}

internal sealed class Lane
{
    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>Senders holding or waiting for the lane; guarded by the lane table's lock.</summary>
    public int Users { get; set; }
}
