using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using SloBot.Chat.Delivery;

namespace SloBot.Discord.Rest;

/// <summary>
/// Discord's REST limits, learned from responses: one bucket per (bucket hash, major parameter) — the route
/// template until the hash is known — that lets one request through at a time and waits out an exhausted
/// bucket; the global 50 requests/s (interaction routes exempt) and global 429 pauses; and a guard that stops
/// sending well before the 10,000 invalid requests per 10 minutes that get an IP banned. Buckets idle for
/// <see cref="RateLimitSettings.IdleBucketLifetime"/> are forgotten: every interaction and webhook token has its own,
/// so a long-running bot would otherwise keep one per interaction it ever answered.
/// </summary>
internal sealed class RateLimits(TimeProvider time, RateLimitSettings? settings = null)
{
    private readonly RateLimitSettings _settings = settings ?? new RateLimitSettings();
    private readonly ConcurrentDictionary<string, string> _hashByRoute = new();
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new();
    private readonly Queue<DateTimeOffset> _invalid = new();
    private readonly Lock _sync = new();
    private DateTimeOffset _globalUntil = DateTimeOffset.MinValue;
    private DateTimeOffset _windowStart = DateTimeOffset.MinValue;
    private int _windowCount;
    private int _acquired;

    /// <summary>Buckets currently remembered (for tests).</summary>
    internal int BucketCount => _buckets.Count;

    public async Task<IDisposable> AcquireAsync(DiscordRoute route, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _acquired) % _settings.SweepEvery == 0)
            ForgetIdleBuckets();
        var bucket = BucketFor(route);
        bucket.LastUsed = time.GetUtcNow();
        await bucket.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                var wait = WaitNeeded(route, bucket);
                if (wait <= TimeSpan.Zero)
                    return new Lease(bucket.Gate);
                Chat.Telemetry.ChatTelemetry.RateLimitWaits.Record(wait.TotalSeconds, new KeyValuePair<string, object?>("source", "bucket"));
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            bucket.Gate.Release();
            throw;
        }
    }

    /// <summary>Reads X-RateLimit-Bucket/-Remaining/-Reset-After of any response.</summary>
    public void Update(DiscordRoute route, HttpResponseHeaders headers)
    {
        var now = time.GetUtcNow();
        if (Header(headers, "X-RateLimit-Bucket") is { } hash && _hashByRoute.TryAdd(route.Key, hash))
        {
            // The route's bucket is now known by hash: carry the state over to the shared bucket.
            var old = _buckets.GetOrAdd(route.Key + "|" + route.MajorParameter, _ => new Bucket());
            var shared = _buckets.GetOrAdd(hash + "|" + route.MajorParameter, _ => new Bucket());
            lock (_sync)
                (shared.Remaining, shared.ResetAt) = (old.Remaining, old.ResetAt);
        }

        var bucket = BucketFor(route);
        var remaining = Header(headers, "X-RateLimit-Remaining");
        var resetAfter = Header(headers, "X-RateLimit-Reset-After");
        lock (_sync)
        {
            if (remaining is not null && int.TryParse(remaining, NumberStyles.Integer, CultureInfo.InvariantCulture, out var r))
                bucket.Remaining = r;
            if (resetAfter is not null && double.TryParse(resetAfter, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
                bucket.ResetAt = now + TimeSpan.FromSeconds(seconds);
        }
    }

    /// <summary>A 429: pause the bucket, or everything when <paramref name="global"/>.</summary>
    public void TooManyRequests(DiscordRoute route, TimeSpan retryAfter, bool global, bool shared)
    {
        var until = time.GetUtcNow() + retryAfter;
        lock (_sync)
        {
            if (global)
            {
                if (until > _globalUntil)
                    _globalUntil = until;
            }
            else
            {
                var bucket = BucketFor(route);
                bucket.Remaining = 0;
                if (until > bucket.ResetAt)
                    bucket.ResetAt = until;
            }
        }

        if (!shared)
            Invalid();
    }

    /// <summary>Counts a 401, 403 or non-shared 429 toward Discord's invalid-request limit.</summary>
    public void Invalid()
    {
        lock (_sync)
            _invalid.Enqueue(time.GetUtcNow());
    }

    /// <summary>Refuses to send (as a transient failure) while too many invalid requests happened in the window.</summary>
    public void ThrowIfTooManyInvalid()
    {
        var now = time.GetUtcNow();
        lock (_sync)
        {
            while (_invalid.Count > 0 && now - _invalid.Peek() >= _settings.InvalidWindow)
                _invalid.Dequeue();
            if (_invalid.Count >= _settings.MaxInvalidPerWindow)
            {
                var wait = _invalid.Peek() + _settings.InvalidWindow - now;
                throw new TransientDeliveryException(
                    $"{_invalid.Count} invalid Discord requests (401/403/429) in the last {_settings.InvalidWindow.TotalMinutes:0} minutes; pausing to stay far from Discord's ban threshold",
                    wait);
            }
        }
    }

    private TimeSpan WaitNeeded(DiscordRoute route, Bucket bucket)
    {
        var now = time.GetUtcNow();
        lock (_sync)
        {
            if (now < _globalUntil)
                return _globalUntil - now;
            if (bucket.Remaining <= 0 && now < bucket.ResetAt)
                return bucket.ResetAt - now;
            if (bucket.Remaining <= 0)
                bucket.Remaining = 1; // the reset passed: one request may go and will bring fresh headers
            if (route.GlobalExempt)
            {
                bucket.Remaining--;
                return TimeSpan.Zero;
            }

            if (now - _windowStart >= TimeSpan.FromSeconds(1))
                (_windowStart, _windowCount) = (now, 0);
            if (_windowCount >= _settings.GlobalPerSecond)
                return _windowStart + TimeSpan.FromSeconds(1) - now;
            _windowCount++;
            bucket.Remaining--;
            return TimeSpan.Zero;
        }
    }

    private void ForgetIdleBuckets()
    {
        var now = time.GetUtcNow();
        foreach (var (key, bucket) in _buckets)
        {
            // Not in use (gate free), idle long enough, and not waiting out a limit.
            if (bucket.Gate.CurrentCount == 1 && now - bucket.LastUsed >= _settings.IdleBucketLifetime && now >= bucket.ResetAt)
                _buckets.TryRemove(key, out _);
        }
    }

    private Bucket BucketFor(DiscordRoute route)
    {
        var id = _hashByRoute.TryGetValue(route.Key, out var hash) ? hash : route.Key;
        return _buckets.GetOrAdd(id + "|" + route.MajorParameter, _ => new Bucket());
    }

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private sealed class Bucket
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        /// <summary>Requests left before <see cref="ResetAt"/>; 1 until Discord told us.</summary>
        public int Remaining { get; set; } = 1;

        public DateTimeOffset ResetAt { get; set; } = DateTimeOffset.MinValue;

        public DateTimeOffset LastUsed { get; set; }
    }

    private sealed class Lease(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                gate.Release();
        }
    }
}

internal sealed class RateLimitSettings
{
    /// <summary>Discord allows 50 requests per second per bot outside interaction routes.</summary>
    public int GlobalPerSecond { get; init; } = 50;

    /// <summary>Discord bans an IP for a while after 10,000 invalid requests in 10 minutes; we stop at a tenth of that.</summary>
    public int MaxInvalidPerWindow { get; init; } = 1_000;

    public TimeSpan InvalidWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>A bucket not used for this long is forgotten (interaction tokens live 15 minutes).</summary>
    public TimeSpan IdleBucketLifetime { get; init; } = TimeSpan.FromMinutes(20);

    /// <summary>Idle buckets are looked for once every this many requests.</summary>
    public int SweepEvery { get; init; } = 1_000;
}
