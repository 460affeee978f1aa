using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SloBot.Chat.Delivery;

/// <summary>
/// Ordered, retrying, de-duplicating delivery shared by the transports: items for one channel go out one at a
/// time in the order they were enqueued; a <see cref="TransientDeliveryException"/> waits (its RetryAfter, else
/// exponential backoff) and retries the same item; an idempotency key already delivered returns the first result
/// instead of sending again.
/// </summary>
public sealed partial class Outbox(TimeProvider time, ILogger<Outbox> logger, OutboxOptions? options = null)
{
    private readonly OutboxOptions _options = options ?? new OutboxOptions();
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _lanes = new();
    private readonly ConcurrentDictionary<string, Task<object?>> _delivered = new();

    public async Task<T> SendAsync<T>(string lane, string idempotencyKey, Func<CancellationToken, Task<T>> send, CancellationToken cancellationToken)
    {
        var gate = _lanes.GetOrAdd(lane, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
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
            gate.Release();
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
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        var ms = Math.Min(_options.MaxBackoff.TotalMilliseconds, _options.InitialBackoff.TotalMilliseconds * Math.Pow(2, attempt - 1));
        return TimeSpan.FromMilliseconds(ms * (0.8 + (0.4 * Random.Shared.NextDouble())));
    }

    private void Remember<T>(string key, T result)
    {
        if (_delivered.Count >= _options.RememberedKeys)
            _delivered.Clear(); // bounded memory; redeliveries arrive within seconds, not after thousands of messages
        _delivered[key] = Task.FromResult<object?>(result);
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Warning, Message = "Delivery on {Lane} failed (attempt {Attempt}), retrying in {Delay}: {Reason}")]
    private static partial void LogRetry(ILogger logger, string lane, int attempt, TimeSpan delay, string reason);
}

public sealed class OutboxOptions
{
    public int MaxAttempts { get; set; } = 8;

    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    public int RememberedKeys { get; set; } = 10_000;
}
