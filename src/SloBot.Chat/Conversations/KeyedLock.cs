using System.Diagnostics.CodeAnalysis;

namespace SloBot.Chat.Conversations;

/// <summary>One async lock per key, so events of one conversation are handled one at a time (Stateless is not thread-safe).</summary>
internal sealed class KeyedLock
{
    private readonly Dictionary<string, (SemaphoreSlim Gate, int Users)> _gates = new(StringComparer.Ordinal);
    private readonly Lock _sync = new();

    [SuppressMessage("Reliability", "CA2000:Dispose objects before losing scope", Justification = "The gate is kept in _gates and disposed by Leave when its last user leaves.")]
    public async Task<IDisposable> LockAsync(string key, CancellationToken cancellationToken)
    {
        SemaphoreSlim gate;
        lock (_sync)
        {
            var entry = _gates.GetValueOrDefault(key);
            gate = entry.Gate ?? new SemaphoreSlim(1, 1);
            _gates[key] = (gate, entry.Users + 1);
        }

        try
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Leave(key);
            throw;
        }

        return new Releaser(this, key, gate);
    }

    private void Leave(string key)
    {
        lock (_sync)
        {
            var entry = _gates[key];
            if (entry.Users == 1)
            {
                _gates.Remove(key);
                entry.Gate.Dispose();
            }
            else
            {
                _gates[key] = (entry.Gate, entry.Users - 1);
            }
        }
    }

    private sealed class Releaser(KeyedLock owner, string key, SemaphoreSlim gate) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 1)
                return;
            gate.Release();
            owner.Leave(key);
        }
    }
}
