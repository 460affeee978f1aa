using Microsoft.Extensions.Logging;
using SloBot.Chat.Telemetry;

namespace SloBot.Chat.Delivery;

/// <summary>
/// The persisted half of the outbox: an <see cref="OutboxMessage"/> is recorded in the <see cref="IOutboxStore"/>
/// (leased to this process) before its first attempt, marked delivered or failed when done, and, if this process dies
/// first, delivered once by whichever process's <see cref="RecoverAsync"/> claims it after the lease expires.
/// </summary>
public sealed partial class Outbox
{
    private readonly IOutboxStore _store = store ?? new InMemoryOutboxStore();
    private readonly Dictionary<string, IOutboxSender> _senders = (senders ?? [])
        .GroupBy(s => s.Platform, StringComparer.OrdinalIgnoreCase)
        .ToDictionary(g => g.Key, g => g.Last(), StringComparer.OrdinalIgnoreCase);

    /// <summary>This outbox's name as a lease holder: unique per process start.</summary>
    public string Owner { get; } = $"{Environment.ProcessId}-{Guid.NewGuid():N}";

    /// <summary>Records <paramref name="message"/>, then delivers it in its lane like any other item; returns the platform's message id.</summary>
    public Task<string> SendAsync(OutboxMessage message, CancellationToken cancellationToken) =>
        SendRecordedAsync(message, SenderFor(message.Platform), cancellationToken);

    /// <summary>
    /// Records <paramref name="recorded"/> (what a recovery sends through the platform's <see cref="IOutboxSender"/>),
    /// but makes this process's attempts with <paramref name="live"/>: a short-lived route that is not stored, such as
    /// an answer URL that is a credential and expires. Retried, de-duplicated and marked like any recorded delivery.
    /// </summary>
    public Task<string> SendAsync(OutboxMessage recorded, Func<OutboxAttempt, CancellationToken, Task<string>> live, CancellationToken cancellationToken)
    {
        _ = SenderFor(recorded.Platform); // a recovery must be able to send it
        return SendRecordedAsync(recorded, new LiveRoute(recorded.Platform, live), cancellationToken);
    }

    private async Task<string> SendRecordedAsync(OutboxMessage message, IOutboxSender sender, CancellationToken cancellationToken)
    {
        ChatTelemetry.OutboxDepth.Add(1);
        try
        {
            if (Delivered(message.Key) is { } done)
                return done;
            var entry = await HoldAsync(message, cancellationToken).ConfigureAwait(false);
            if (entry.State == OutboxState.Delivered)
                return entry.Result ?? "";
            var gate = Enter(message.Lane);
            try
            {
                await gate.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Leave(message.Lane, gate, acquired: false);
                await ReleaseAsync(message.Key).ConfigureAwait(false);
                throw;
            }

            try
            {
                if (Delivered(message.Key) is { } already)
                    return already;
                var result = await DeliverRecordedAsync(entry, sender, retryHere: true, cancellationToken).ConfigureAwait(false);
                Remember(message.Key, result);
                return result;
            }
            finally
            {
                Leave(message.Lane, gate, acquired: true);
            }
        }
        finally
        {
            ChatTelemetry.OutboxDepth.Add(-1);
        }
    }

    /// <summary>
    /// One recovery pass: prunes old finished entries, claims pending ones whose lease expired (their process died, or a
    /// retry is due) for the platforms this process sends to, and makes one attempt at each, oldest first in its lane.
    /// Returns how many it delivered. Never throws but for cancellation.
    /// </summary>
    public async Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await _store.PruneAsync(now - _options.KeepFinished, cancellationToken).ConfigureAwait(false);
        if (_senders.Count == 0)
            return 0;
        var claimed = await _store.ClaimAsync(_senders.Keys, Owner, now, now + _options.LeaseDuration, _options.RecoveryBatch, cancellationToken).ConfigureAwait(false);
        var delivered = 0;
        foreach (var entry in claimed.OrderBy(e => e.Sequence))
        {
            if (await RecoverOneAsync(entry, cancellationToken).ConfigureAwait(false))
                delivered++;
        }

        return delivered;
    }

    /// <summary>Keeps this process's leases alive while it is at them (the recovery worker calls it well within <see cref="OutboxOptions.LeaseDuration"/>).</summary>
    public Task<int> RenewLeasesAsync(CancellationToken cancellationToken) =>
        _store.RenewAsync(Owner, time.GetUtcNow() + _options.LeaseDuration, cancellationToken);

    private async Task<bool> RecoverOneAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        var sender = SenderFor(entry.Message.Platform);
        var gate = Enter(entry.Message.Lane);
        try
        {
            await gate.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Leave(entry.Message.Lane, gate, acquired: false);
            await ReleaseAsync(entry.Key).ConfigureAwait(false);
            throw;
        }

        try
        {
            if (entry.Attempts >= _options.MaxAttempts)
            {
                await FailAsync(entry.Message, entry.Attempts, "no attempt left after the process that made the last one stopped").ConfigureAwait(false);
                return false;
            }

            var result = await DeliverRecordedAsync(entry, sender, retryHere: false, cancellationToken).ConfigureAwait(false);
            Remember(entry.Key, result);
            LogRecovered(logger, entry.Message.Lane, entry.Key, entry.Attempts);
            ChatTelemetry.OutboxRecovered.Add(1, new KeyValuePair<string, object?>("platform", entry.Message.Platform));
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return false; // logged where it was decided: retried on a later pass, or recorded as failed
        }
        finally
        {
            Leave(entry.Message.Lane, gate, acquired: true);
        }
    }

    /// <summary>Records the message; while another live process holds it, waits for that one's outcome (or for its lease to run out).</summary>
    private async Task<OutboxEntry> HoldAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        for (var waited = false; ; waited = true)
        {
            var now = time.GetUtcNow();
            var entry = await _store.RecordAsync(message, Owner, now, now + _options.LeaseDuration, cancellationToken).ConfigureAwait(false);
            if (entry.State == OutboxState.Delivered || (entry.State == OutboxState.Pending && entry.LeaseOwner == Owner))
                return entry;
            if (!waited)
                LogHeldElsewhere(logger, message.Key, entry.LeaseOwner ?? "nobody");
            await Task.Delay(_options.RecoveryInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Attempts a recorded entry this process holds. Live (<paramref name="retryHere"/>) it retries transient failures
    /// after their wait, as the in-memory path does; recovering, it leaves the retry to a later pass. Either way an
    /// attempt after one that may have reached the platform says so to the sender.
    /// </summary>
    private async Task<string> DeliverRecordedAsync(OutboxEntry entry, IOutboxSender sender, bool retryHere, CancellationToken cancellationToken)
    {
        var message = entry.Message;
        var mayHaveLanded = entry.Attempts > 0; // recorded attempts whose outcome nobody saw (a process died)
        for (; ; )
        {
            var now = time.GetUtcNow();
            var number = await _store.BeginAttemptAsync(message.Key, Owner, now, now + _options.LeaseDuration, cancellationToken).ConfigureAwait(false);
            if (number is null)
            {
                // Another process took it over (this one's lease ran out): wait for its outcome, or take it back.
                entry = await HoldAsync(message, cancellationToken).ConfigureAwait(false);
                if (entry.State == OutboxState.Delivered)
                    return entry.Result ?? "";
                mayHaveLanded |= entry.Attempts > 0;
                continue;
            }

            TimeSpan delay;
            try
            {
                var result = await sender.SendAsync(new OutboxAttempt(message, number.Value, mayHaveLanded, entry.CreatedAt), cancellationToken).ConfigureAwait(false);
                await _store.CompleteAsync(message.Key, OutboxState.Delivered, result, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
                return result;
            }
            catch (TransientDeliveryException ex) when (number < _options.MaxAttempts)
            {
                mayHaveLanded |= ex.RetryAfter is null; // a rate limit refused it; a timeout or 5xx may have let it through
                delay = ex.RetryAfter ?? Backoff(number.Value);
                LogRetry(logger, message.Lane, number.Value, delay, ex.Message);
                ChatTelemetry.OutboxRetries.Add(1, new KeyValuePair<string, object?>("reason", ex.RetryAfter is null ? "transient" : "rate_limited"));
                if (ex.RetryAfter is { } wait)
                    ChatTelemetry.RateLimitWaits.Record(wait.TotalSeconds, new KeyValuePair<string, object?>("source", "retry_after"));
                if (!retryHere)
                {
                    await _store.ReleaseAsync(message.Key, Owner, time.GetUtcNow() + delay, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
                    throw;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await ReleaseAsync(message.Key).ConfigureAwait(false);
                throw;
            }
            catch (Exception ex)
            {
                await FailAsync(message, number.Value, Describe(ex)).ConfigureAwait(false);
                throw;
            }

            try
            {
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await ReleaseAsync(message.Key).ConfigureAwait(false);
                throw;
            }
        }
    }

    private async Task FailAsync(OutboxMessage message, int attempts, string reason)
    {
        await _store.CompleteAsync(message.Key, OutboxState.Failed, reason, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        LogFailed(logger, message.Lane, message.Key, attempts, reason);
        ChatTelemetry.OutboxFailed.Add(1, new KeyValuePair<string, object?>("platform", message.Platform));
    }

    /// <summary>Hands an entry this process stops working on (shutdown, a cancelled caller) to the next recovery pass, here or elsewhere.</summary>
    private Task ReleaseAsync(string key) =>
        _store.ReleaseAsync(key, Owner, time.GetUtcNow(), time.GetUtcNow(), CancellationToken.None);

    private string? Delivered(string key) =>
        _delivered.TryGetValue(key, out var earlier) && earlier.IsCompletedSuccessfully && earlier.Result is string result ? result : null;

    private IOutboxSender SenderFor(string platform) =>
        _senders.TryGetValue(platform, out var sender)
            ? sender
            : throw new InvalidOperationException($"No outbox sender for platform '{platform}' is registered.");

    /// <summary>What is kept of a failure: the exception's kind and message, cut short (transports put no credential in either).</summary>
    private static string Describe(Exception ex)
    {
        var text = $"{ex.GetType().Name}: {ex.Message}";
        return text.Length > 300 ? text[..300] : text;
    }

    private sealed class LiveRoute(string platform, Func<OutboxAttempt, CancellationToken, Task<string>> send) : IOutboxSender
    {
        public string Platform => platform;

        public Task<string> SendAsync(OutboxAttempt attempt, CancellationToken cancellationToken) => send(attempt, cancellationToken);
    }

    [LoggerMessage(EventId = 101, Level = LogLevel.Error, Message = "Delivery {Key} on {Lane} failed after {Attempts} attempts and is recorded as failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string lane, string key, int attempts, string reason);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Recovered delivery {Key} on {Lane} ({Attempts} earlier attempts)")]
    private static partial void LogRecovered(ILogger logger, string lane, string key, int attempts);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "Delivery {Key} is held by {Owner}; waiting for its outcome")]
    private static partial void LogHeldElsewhere(ILogger logger, string key, string owner);
}
