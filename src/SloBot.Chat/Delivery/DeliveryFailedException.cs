namespace SloBot.Chat.Delivery;

/// <summary>A delivery failed in a way worth retrying (429, 5xx, dropped connection); <see cref="RetryAfter"/> when the platform said.</summary>
public sealed class TransientDeliveryException(string message, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(message, inner)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
