using System.Text.Json;

namespace SloBot.Chat.Documents;

/// <summary>The published documents of one kind, as typed documents over the <see cref="IPublishedDocumentStore"/>.</summary>
public sealed class PublishedDocuments<TDocument>(IPublishedDocumentStore store, DocumentKind<TDocument> kind)
    where TDocument : class
{
    public DocumentKind<TDocument> Kind => kind;

    /// <summary>Insert or replace by id (publishing is idempotent per conversation).</summary>
    public Task SaveAsync(TDocument document, CancellationToken cancellationToken)
    {
        var published = kind.PublishedAt(document);
        var stored = new StoredDocument(kind.Id(document), kind.Title(document), kind.Start?.Invoke(document) ?? published, published, DocumentJson.Text(document));
        return store.SaveAsync(kind.Name, stored, cancellationToken);
    }

    /// <summary>By id ("retro-3fa9c1") or title ("INC-2041", "2026-11-23"; the newest).</summary>
    public async Task<TDocument?> FindAsync(string idOrTitle, CancellationToken cancellationToken) =>
        await store.FindAsync(kind.Name, idOrTitle, cancellationToken).ConfigureAwait(false) is { } stored ? Read(stored) : null;

    /// <summary>Those that started (or, without a start, were published) in [from, to), oldest first.</summary>
    public async Task<IReadOnlyList<TDocument>> ListAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        (await store.ListAsync(kind.Name, from, to, cancellationToken).ConfigureAwait(false)).Select(Read).ToArray();

    private static TDocument Read(StoredDocument stored) => JsonSerializer.Deserialize<TDocument>(stored.Json, DocumentJson.Options)!;
}
