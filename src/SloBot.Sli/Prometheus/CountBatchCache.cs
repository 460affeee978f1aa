using System.Runtime.CompilerServices;
using SloBot.Core.Catalog;

namespace SloBot.Sli.Prometheus;

/// <summary>
/// The last few <see cref="CountBatch"/>es, so asking again for the same SLOs (every <c>/slo status</c>, every alerter
/// pass) does not lex, window and fold each SLO's PromQL again: for 1,000 SLOs that is tens of milliseconds before the
/// first request can leave. A batch depends only on its SLO definitions (immutable, compared by reference: a catalog
/// reload makes new ones, so a changed catalog is a new entry), their windows and the extra terms; it is immutable once
/// built.
/// </summary>
internal sealed class CountBatchCache(int capacity = 8)
{
    private readonly Lock _sync = new();
    private readonly LinkedList<(Key Key, CountBatch Batch)> _recent = new(); // most recent first

    public CountBatch Get(IReadOnlyList<(SloDefinition Slo, IReadOnlyList<TimeSpan> Windows)> wanted, IReadOnlyList<string> extraTerms)
    {
        var key = new Key(wanted, extraTerms);
        lock (_sync)
        {
            for (var node = _recent.First; node is not null; node = node.Next)
            {
                if (!node.Value.Key.Equals(key))
                    continue;
                _recent.Remove(node);
                _recent.AddFirst(node);
                return node.Value.Batch;
            }
        }

        var batch = new CountBatch(wanted, extraTerms);
        lock (_sync)
        {
            _recent.AddFirst((key, batch));
            while (_recent.Count > capacity)
                _recent.RemoveLast();
        }

        return batch;
    }

    private sealed class Key : IEquatable<Key>
    {
        private readonly (SloDefinition Slo, IReadOnlyList<TimeSpan> Windows)[] _wanted;
        private readonly string[] _terms;
        private readonly int _hash;

        public Key(IReadOnlyList<(SloDefinition Slo, IReadOnlyList<TimeSpan> Windows)> wanted, IReadOnlyList<string> terms)
        {
            _wanted = [.. wanted];
            _terms = [.. terms];
            var hash = new HashCode();
            foreach (var (slo, windows) in _wanted)
            {
                hash.Add(RuntimeHelpers.GetHashCode(slo));
                foreach (var w in windows)
                    hash.Add(w);
            }

            foreach (var t in _terms)
                hash.Add(t, StringComparer.Ordinal);
            _hash = hash.ToHashCode();
        }

        public bool Equals(Key? other)
        {
            if (other is null || other._hash != _hash || other._wanted.Length != _wanted.Length || !other._terms.AsSpan().SequenceEqual(_terms))
                return false;
            for (var i = 0; i < _wanted.Length; i++)
            {
                if (!ReferenceEquals(_wanted[i].Slo, other._wanted[i].Slo) || !_wanted[i].Windows.SequenceEqual(other._wanted[i].Windows))
                    return false;
            }

            return true;
        }

        public override bool Equals(object? obj) => Equals(obj as Key);

        public override int GetHashCode() => _hash;
    }
}
