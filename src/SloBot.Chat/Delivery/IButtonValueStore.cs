namespace SloBot.Chat.Delivery;

/// <summary>
/// Long button values: a transport whose buttons carry too little text for a <c>ReplyButton</c>'s action id and value
/// (Discord's 100-character <c>custom_id</c>) sends a short key instead and records here what it stands for, before the
/// message carrying it is sent. Stored with the state (SQL in SloBot.Storage; in memory without it), so a click after a
/// restart or on another replica sharing the database still finds its action and value. Rows are never pruned: a key
/// lives as long as the database, as the messages carrying it do.
/// </summary>
public interface IButtonValueStore
{
    /// <summary>Records what <paramref name="key"/> stands for. Idempotent: a key saved before (by anyone) is left as it is.</summary>
    Task SaveAsync(string key, string action, string? value, CancellationToken cancellationToken);

    /// <summary>The action and value <paramref name="key"/> stands for; null when it was never saved.</summary>
    Task<ButtonValue?> FindAsync(string key, CancellationToken cancellationToken);
}

/// <summary>A button's action id and value, as the <c>ReplyButton</c> had them.</summary>
public sealed record ButtonValue(string Action, string? Value);

/// <summary>Long button values of one process without storage (tests, <c>AddSloBotChat</c> alone): lost on restart.</summary>
internal sealed class InMemoryButtonValueStore : IButtonValueStore
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ButtonValue> _values = new(StringComparer.Ordinal);

    public Task SaveAsync(string key, string action, string? value, CancellationToken cancellationToken)
    {
        _values.TryAdd(key, new ButtonValue(action, value));
        return Task.CompletedTask;
    }

    public Task<ButtonValue?> FindAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(_values.GetValueOrDefault(key));
}
