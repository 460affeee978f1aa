using SloBot.Chat.Events;

namespace SloBot.Chat.Conversations;

/// <summary>A process-local store: the default until SloBot.Storage registers the SQL one, and the unit tests' store.</summary>
public sealed class InMemoryConversationStore : IConversationStore
{
    private readonly Dictionary<string, ConversationRecord> _records = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public Task<bool> CreateAsync(ConversationRecord record, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_records.ContainsKey(record.Id) || _records.Values.Any(r => r.IsActive && r.Key == record.Key))
                return Task.FromResult(false);
            _records[record.Id] = record with { Version = 0 };
            return Task.FromResult(true);
        }
    }

    public Task<ConversationRecord?> GetAsync(string id, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult(_records.GetValueOrDefault(id));
    }

    public Task<ConversationRecord?> FindActiveAsync(ConversationKey key, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult(_records.Values.FirstOrDefault(r => r.IsActive && r.Key == key));
    }

    public Task<ConversationRecord?> FindLatestAsync(ConversationKey key, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_records.Values.Where(r => r.Key == key)
                .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id, StringComparer.Ordinal).FirstOrDefault());
        }
    }

    public Task<IReadOnlyList<ConversationRecord>> ListAsync(string? kind, bool activeOnly, int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<ConversationRecord> list = _records.Values
                .Where(r => (kind is null || r.Kind == kind) && (!activeOnly || r.IsActive))
                .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id, StringComparer.Ordinal)
                .Take(limit)
                .ToArray();
            return Task.FromResult(list);
        }
    }

    public Task<bool> TryUpdateAsync(ConversationRecord record, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_records.TryGetValue(record.Id, out var stored) || stored.Version != record.Version)
                return Task.FromResult(false);
            _records[record.Id] = record with { Version = record.Version + 1 };
            return Task.FromResult(true);
        }
    }
}
