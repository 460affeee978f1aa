using System.Text.Json;
using SloBot.Chat.Retrospectives;
using static SloBot.Storage.SqlValues;

namespace SloBot.Storage.Retrospectives;

/// <summary>Published retrospectives: the document as JSON plus the columns the weekly review queries by.</summary>
internal sealed class SqlRetrospectiveStore(Database database) : IRetrospectiveStore
{
    public const string MigrationId = "retrospectives/001_retrospectives";

    /// <summary>Replaces main's "005_conversations", which created this table with the conversations table.</summary>
    public const string LegacyMigrationId = "005_conversations";

    public const string Schema = """
        CREATE TABLE retrospectives (
            id TEXT PRIMARY KEY,
            incident_id TEXT NOT NULL,
            started_at TEXT NOT NULL,
            published_at TEXT NOT NULL,
            document TEXT NOT NULL
        );
        CREATE INDEX ix_retrospectives_incident ON retrospectives (incident_id);
        """;

    public async Task SaveAsync(RetrospectiveDocument document, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var delete = connection.Command("DELETE FROM retrospectives WHERE id = @id", tx))
        {
            delete.AddParameter("@id", document.Id);
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var insert = connection.Command("INSERT INTO retrospectives (id, incident_id, started_at, published_at, document) VALUES (@id, @incident, @start, @published, @doc)", tx))
        {
            insert.AddParameter("@id", document.Id).AddParameter("@incident", document.IncidentId).AddParameter("@start", Time(document.Start))
                .AddParameter("@published", Time(document.PublishedAt)).AddParameter("@doc", JsonSerializer.Serialize(document, RetroRender.Json));
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<RetrospectiveDocument?> FindAsync(string idOrIncident, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command("SELECT document FROM retrospectives WHERE id = @id OR LOWER(incident_id) = LOWER(@id) ORDER BY CASE WHEN id = @id THEN 0 ELSE 1 END, published_at DESC LIMIT 1");
        cmd.AddParameter("@id", idOrIncident);
        return await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string json
            ? JsonSerializer.Deserialize<RetrospectiveDocument>(json, RetroRender.Json)
            : null;
    }

    public async Task<IReadOnlyList<RetrospectiveDocument>> ListAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command("SELECT document FROM retrospectives WHERE started_at >= @from AND started_at < @to ORDER BY started_at");
        cmd.AddParameter("@from", Time(from)).AddParameter("@to", Time(to));
        var list = new List<RetrospectiveDocument>();
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            list.Add(JsonSerializer.Deserialize<RetrospectiveDocument>(r.GetString(0), RetroRender.Json)!);
        return list;
    }
}
