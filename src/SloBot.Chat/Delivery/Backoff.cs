namespace SloBot.Chat.Delivery;

/// <summary>
/// SloBot's one backoff schedule: the <c>n</c>th retry waits <see cref="Initial"/> × <see cref="Factor"/>^(n−1), at
/// most <see cref="Max"/>, times a jitter drawn from [<see cref="MinJitter"/>, <see cref="MaxJitter"/>) so that many
/// clients failing together do not retry together. It lives beside the outbox, the one layer that retries deliveries;
/// the transports use it for their own reconnects (the chat layer may not reference the transport kit, the transports
/// reference the chat layer). Deterministic when given the random draw.
/// </summary>
public sealed record Backoff(TimeSpan Initial, double Factor, TimeSpan Max, double MinJitter = 1, double MaxJitter = 1)
{
    /// <summary>The wait before retry <paramref name="attempt"/> (1 = the first retry), with the jitter drawn from <see cref="Random.Shared"/>.</summary>
    public TimeSpan Delay(int attempt) => Delay(attempt, Random.Shared.NextDouble());

    /// <summary>The wait before retry <paramref name="attempt"/>, the jitter drawn from <paramref name="random"/> (a seeded one in tests).</summary>
    public TimeSpan Delay(int attempt, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return Delay(attempt, random.NextDouble());
    }

    /// <summary>The wait before retry <paramref name="attempt"/>, for a random draw <paramref name="random"/> in [0, 1).</summary>
    public TimeSpan Delay(int attempt, double random)
    {
        var ceiling = Math.Min(Max.TotalMilliseconds, Initial.TotalMilliseconds * Math.Pow(Factor, Math.Max(0, attempt - 1)));
        var jitter = MinJitter + ((MaxJitter - MinJitter) * Math.Clamp(random, 0, 1));
        return TimeSpan.FromMilliseconds(ceiling * jitter);
    }
}
