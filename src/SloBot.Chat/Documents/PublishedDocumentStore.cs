namespace SloBot.Chat.Documents;

/// <summary>A published document as stored: its keys, the instant lists go by, and the document as JSON (<see cref="DocumentJson"/>).</summary>
public sealed record StoredDocument(string Id, string Title, DateTimeOffset Start, DateTimeOffset PublishedAt, string Json);

/// <summary>
/// Published documents of every kind (the store contract of the published-document capability). In memory by
/// default; SloBot.Storage fulfils it in SQL with one table per kind, declared by the kind's storage registration.
/// </summary>
public interface IPublishedDocumentStore
{
    /// <summary>Insert or replace by <see cref="StoredDocument.Id"/>.</summary>
    Task SaveAsync(string kind, StoredDocument document, CancellationToken cancellationToken);

    /// <summary>By id, else by title without regard to case (the newest publication).</summary>
    Task<StoredDocument?> FindAsync(string kind, string idOrTitle, CancellationToken cancellationToken);

    /// <summary>Those whose <see cref="StoredDocument.Start"/> is in [from, to), oldest first.</summary>
    Task<IReadOnlyList<StoredDocument>> ListAsync(string kind, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}

public sealed class InMemoryPublishedDocumentStore : IPublishedDocumentStore
{
    private readonly Dictionary<(string Kind, string Id), StoredDocument> _docs = [];
    private readonly Lock _gate = new();

    public Task SaveAsync(string kind, StoredDocument document, CancellationToken cancellationToken)
    {
        lock (_gate)
            _docs[(kind, document.Id)] = document;
        return Task.CompletedTask;
    }

    public Task<StoredDocument?> FindAsync(string kind, string idOrTitle, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_docs.GetValueOrDefault((kind, idOrTitle))
                ?? _docs.Where(d => d.Key.Kind == kind && string.Equals(d.Value.Title, idOrTitle, StringComparison.OrdinalIgnoreCase)).Select(d => d.Value).MaxBy(d => d.PublishedAt));
        }
    }

    public Task<IReadOnlyList<StoredDocument>> ListAsync(string kind, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<StoredDocument>>(_docs
                .Where(d => d.Key.Kind == kind && d.Value.Start >= from && d.Value.Start < to).Select(d => d.Value).OrderBy(d => d.Start).ToArray());
        }
    }
}
