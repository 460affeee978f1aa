using System.Text.Json;
using SloBot.Chat.Retrospectives;
using SloBot.Chat.Reviews;
using static SloBot.Storage.SqlValues;

namespace SloBot.Storage.Reviews;

/// <summary>Published weekly reviews, the document as JSON.</summary>
internal sealed class SqlWeeklyReviewStore(Database database) : IWeeklyReviewStore
{
    public const string MigrationId = "reviews/001_weekly_reviews";

    /// <summary>Replaces main's "005_conversations", which created this table with the conversations table.</summary>
    public const string LegacyMigrationId = "005_conversations";

    public const string Schema = """
        CREATE TABLE weekly_reviews (
            id TEXT PRIMARY KEY,
            week_start TEXT NOT NULL,
            published_at TEXT NOT NULL,
            document TEXT NOT NULL
        );
        """;

    public async Task SaveAsync(WeeklyReviewDocument document, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var delete = connection.Command("DELETE FROM weekly_reviews WHERE id = @id", tx))
        {
            delete.AddParameter("@id", document.Id);
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var insert = connection.Command("INSERT INTO weekly_reviews (id, week_start, published_at, document) VALUES (@id, @title, @published, @doc)", tx))
        {
            insert.AddParameter("@id", document.Id).AddParameter("@title", document.Title).AddParameter("@published", Time(document.PublishedAt))
                .AddParameter("@doc", JsonSerializer.Serialize(document, RetroRender.Json));
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<WeeklyReviewDocument?> FindAsync(string idOrTitle, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command("SELECT document FROM weekly_reviews WHERE id = @id OR week_start = @id ORDER BY CASE WHEN id = @id THEN 0 ELSE 1 END, published_at DESC LIMIT 1");
        cmd.AddParameter("@id", idOrTitle);
        return await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string json
            ? JsonSerializer.Deserialize<WeeklyReviewDocument>(json, RetroRender.Json)
            : null;
    }
}
