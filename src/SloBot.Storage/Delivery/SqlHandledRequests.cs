using SloBot.Chat.Delivery;

namespace SloBot.Storage.Delivery;

/// <summary>The <c>handled_requests</c> table: the primary key lets exactly one process claim a request id; expired rows are pruned on the way.</summary>
internal sealed class SqlHandledRequests(Database database) : IHandledRequests
{
    public const string MigrationId = "delivery/001_handled_requests";

    /// <summary>The id main used before migrations were named per capability.</summary>
    public const string LegacyMigrationId = "013_handled_requests";

    public const string Schema = """
        CREATE TABLE handled_requests (
            request_key TEXT PRIMARY KEY,
            keep_until BIGINT NOT NULL
        );
        CREATE INDEX handled_requests_keep_until ON handled_requests (keep_until);
        """;

    public async Task<bool> TryClaimAsync(string key, DateTimeOffset now, DateTimeOffset keepUntil, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var prune = connection.Command("DELETE FROM handled_requests WHERE keep_until <= @now"))
        {
            prune.AddParameter("@now", now.ToUnixTimeMilliseconds());
            await prune.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var insert = connection.Command("INSERT INTO handled_requests (request_key, keep_until) VALUES (@key, @until) ON CONFLICT (request_key) DO NOTHING");
        insert.AddParameter("@key", key).AddParameter("@until", keepUntil.ToUnixTimeMilliseconds());
        return await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }
}
