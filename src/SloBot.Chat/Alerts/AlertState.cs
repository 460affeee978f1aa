namespace SloBot.Chat.Alerts;

/// <summary>An SLO's current burn-rate alert: "page", "ticket" or "ok", since when, and the message that announced it.</summary>
public sealed record AlertState(string Slo, string Severity, DateTimeOffset Since, string? MessageId);

/// <summary>
/// The alert state of every SLO, changed by compare-and-swap: of several replicas seeing the same change, one wins the
/// swap and posts it.
/// </summary>
public interface IAlertStateStore
{
    Task<IReadOnlyList<AlertState>> AllAsync(CancellationToken cancellationToken);

    /// <summary>Sets <paramref name="next"/> if the stored severity is still <paramref name="expected"/> (null: no row yet).</summary>
    Task<bool> TryChangeAsync(string? expected, AlertState next, CancellationToken cancellationToken);

    /// <summary>Remembers the message that announced the current state.</summary>
    Task SetMessageAsync(string slo, string messageId, CancellationToken cancellationToken);

    /// <summary>
    /// Every change won by <see cref="TryChangeAsync"/> whose <see cref="AlertState.Since"/> falls in
    /// [<paramref name="from"/>, <paramref name="to"/>], oldest first: the alerts of a past window (a retrospective's),
    /// also those that already recovered.
    /// </summary>
    Task<IReadOnlyList<AlertState>> ChangesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}

internal sealed class InMemoryAlertStateStore : IAlertStateStore
{
    private readonly Lock _sync = new();
    private readonly Dictionary<string, AlertState> _states = new(StringComparer.Ordinal);
    private readonly List<AlertState> _changes = [];

    public Task<IReadOnlyList<AlertState>> AllAsync(CancellationToken cancellationToken)
    {
        lock (_sync)
            return Task.FromResult<IReadOnlyList<AlertState>>(_states.Values.ToArray());
    }

    public Task<bool> TryChangeAsync(string? expected, AlertState next, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            if (_states.GetValueOrDefault(next.Slo)?.Severity != expected)
                return Task.FromResult(false);
            _states[next.Slo] = next;
            _changes.Add(next);
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<AlertState>> ChangesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        lock (_sync)
            return Task.FromResult<IReadOnlyList<AlertState>>(_changes.Where(c => c.Since >= from && c.Since <= to).OrderBy(c => c.Since).ToArray());
    }

    public Task SetMessageAsync(string slo, string messageId, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            if (_states.TryGetValue(slo, out var state))
                _states[slo] = state with { MessageId = messageId };
        }

        return Task.CompletedTask;
    }
}
