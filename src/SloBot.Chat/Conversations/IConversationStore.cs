using SloBot.Chat.Events;

namespace SloBot.Chat.Conversations;

/// <summary>
/// Where conversations live (SQL in SloBot.Storage; <see cref="InMemoryConversationStore"/> for tests).
/// At most one active conversation per thread key.
/// </summary>
public interface IConversationStore
{
    /// <summary>Inserts a new record (its <see cref="ConversationRecord.Version"/> is 0). False when the thread already has an active one.</summary>
    Task<bool> CreateAsync(ConversationRecord record, CancellationToken cancellationToken);

    Task<ConversationRecord?> GetAsync(string id, CancellationToken cancellationToken);

    Task<ConversationRecord?> FindActiveAsync(ConversationKey key, CancellationToken cancellationToken);

    /// <summary>The newest conversation held in the thread, whatever its status (a published retrospective's thread).</summary>
    Task<ConversationRecord?> FindLatestAsync(ConversationKey key, CancellationToken cancellationToken);

    /// <summary>Newest first. <paramref name="kind"/> null means every kind.</summary>
    Task<IReadOnlyList<ConversationRecord>> ListAsync(string? kind, bool activeOnly, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Saves <paramref name="record"/> if the stored version still equals <c>record.Version</c>, storing version + 1.
    /// False on a version conflict (someone else saved first): reload and re-apply.
    /// </summary>
    Task<bool> TryUpdateAsync(ConversationRecord record, CancellationToken cancellationToken);
}
