using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using SloBot.Slack.Configuration;

namespace SloBot.Slack.Delivery;

/// <summary>
/// Keeps chat.postMessage to one channel at about one a second (Slack's "special" tier). Called inside the outbox's
/// per-channel lane, so calls for one channel never race.
/// </summary>
internal sealed class ChannelPacer(TimeProvider time, IOptions<SlackOptions> options)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _last = new(StringComparer.Ordinal);

    public async Task WaitTurnAsync(string channel, CancellationToken cancellationToken)
    {
        var interval = options.Value.ChannelMessageInterval;
        if (interval > TimeSpan.Zero && _last.TryGetValue(channel, out var last))
        {
            var wait = last + interval - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Called when a call to the channel has completed: the next one waits a full interval from here, whatever the latency.</summary>
    public void Sent(string channel) => _last[channel] = time.GetUtcNow();
}
