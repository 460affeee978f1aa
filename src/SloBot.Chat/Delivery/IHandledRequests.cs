namespace SloBot.Chat.Delivery;

/// <summary>
/// Ids of inbound requests already handled (e.g. <c>discord:&lt;interaction id&gt;</c>), kept for as long as a replay of
/// them could still pass the transport's timestamp check. Stored with the state, so a replay after a restart or on
/// another replica sharing the database is refused too.
/// </summary>
public interface IHandledRequests
{
    /// <returns>True for the first caller of <paramref name="key"/> until <paramref name="keepUntil"/>; false for any replay.</returns>
    Task<bool> TryClaimAsync(string key, DateTimeOffset now, DateTimeOffset keepUntil, CancellationToken cancellationToken);
}

/// <summary>Handled ids of one process without storage (tests, <c>AddSloBotChat</c> alone).</summary>
internal sealed class InMemoryHandledRequests : IHandledRequests
{
    private readonly Lock _sync = new();
    private readonly Dictionary<string, DateTimeOffset> _until = new(StringComparer.Ordinal);

    public Task<bool> TryClaimAsync(string key, DateTimeOffset now, DateTimeOffset keepUntil, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            foreach (var expired in _until.Where(kv => kv.Value <= now).Select(kv => kv.Key).ToArray())
                _until.Remove(expired);
            return Task.FromResult(_until.TryAdd(key, keepUntil));
        }
    }
}
