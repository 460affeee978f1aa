using SloBot.Chat.Documents;
using static SloBot.Storage.SqlValues;

namespace SloBot.Storage.Documents;

/// <summary>Published documents in SQL, one table per kind (<see cref="DocumentTable"/>): the JSON plus the columns looked up by.</summary>
internal sealed class SqlPublishedDocumentStore(Database database, IEnumerable<DocumentTable> tables) : IPublishedDocumentStore
{
    private readonly Dictionary<string, DocumentTable> _tables = tables.ToDictionary(t => t.Kind, StringComparer.Ordinal);

    public async Task SaveAsync(string kind, StoredDocument document, CancellationToken cancellationToken)
    {
        var t = Table(kind);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var delete = connection.Command($"DELETE FROM {t.Table} WHERE id = @id", tx))
        {
            delete.AddParameter("@id", document.Id);
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var (startColumn, startValue) = t.StartColumn is null ? ("", "") : ($"{t.StartColumn}, ", "@start, ");
        await using (var insert = connection.Command($"INSERT INTO {t.Table} (id, {t.TitleColumn}, {startColumn}published_at, document) VALUES (@id, @title, {startValue}@published, @doc)", tx))
        {
            insert.AddParameter("@id", document.Id).AddParameter("@title", document.Title).AddParameter("@published", Time(document.PublishedAt)).AddParameter("@doc", document.Json);
            if (t.StartColumn is not null)
                insert.AddParameter("@start", Time(document.Start));
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<StoredDocument?> FindAsync(string kind, string idOrTitle, CancellationToken cancellationToken)
    {
        var t = Table(kind);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command(
            $"SELECT {Columns(t)} FROM {t.Table} WHERE id = @id OR LOWER({t.TitleColumn}) = LOWER(@id) ORDER BY CASE WHEN id = @id THEN 0 ELSE 1 END, published_at DESC LIMIT 1");
        cmd.AddParameter("@id", idOrTitle);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<StoredDocument>> ListAsync(string kind, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var t = Table(kind);
        var start = t.StartColumn ?? "published_at";
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command($"SELECT {Columns(t)} FROM {t.Table} WHERE {start} >= @from AND {start} < @to ORDER BY {start}");
        cmd.AddParameter("@from", Time(from)).AddParameter("@to", Time(to));
        var list = new List<StoredDocument>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            list.Add(Read(reader));
        return list;
    }

    private DocumentTable Table(string kind) => _tables.TryGetValue(kind, out var table)
        ? table
        : throw new InvalidOperationException($"No SQL table is registered for published documents of kind `{kind}`; its capability's AddXxxStorage must call AddDocumentTable.");

    private static string Columns(DocumentTable t) => $"id, {t.TitleColumn}, {t.StartColumn ?? "published_at"}, published_at, document";

    private static StoredDocument Read(System.Data.Common.DbDataReader r) =>
        new(r.GetString(0), r.GetString(1), ParseTime(r.GetString(2)), ParseTime(r.GetString(3)), r.GetString(4));
}
