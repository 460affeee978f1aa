using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Serialization;
using SloBot.Chat.Releases;

namespace SloBot.Storage.Releases;

/// <summary>
/// Release decisions in the state store: one row per decision with the whole record as JSON, plus the columns
/// that are filtered on. An override or review request is written at most once (<c>… IS NULL</c> guard), so two
/// replicas cannot both override.
/// </summary>
internal sealed class SqlReleaseDecisionLog(Database database) : IReleaseDecisionLog
{
    public const string MigrationId = "releases/001_release_decisions";

    /// <summary>The id main used before migrations were named per capability.</summary>
    public const string LegacyMigrationId = "007_release_decisions";

    public const string Schema = """
        CREATE TABLE release_decisions (
            id TEXT PRIMARY KEY,
            service_key TEXT NOT NULL,
            decided_at BIGINT NOT NULL,
            action TEXT NOT NULL,
            decision_json TEXT NOT NULL,
            review_json TEXT NULL,
            override_json TEXT NULL
        );
        CREATE INDEX ix_release_decisions_service ON release_decisions (service_key, decided_at);
        CREATE INDEX ix_release_decisions_time ON release_decisions (decided_at);
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public async Task AppendAsync(ReleaseDecisionRecord decision, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command(
            "INSERT INTO release_decisions (id, service_key, decided_at, action, decision_json, review_json, override_json) " +
            "VALUES (@id, @service, @at, @action, @json, @review, @override)");
        cmd.AddParameter("@id", decision.Id.ToUpperInvariant())
            .AddParameter("@service", decision.Service.ToLowerInvariant())
            .AddParameter("@at", decision.DecidedAt.ToUnixTimeMilliseconds())
            .AddParameter("@action", decision.Action.ToString().ToLowerInvariant())
            .AddParameter("@json", JsonSerializer.Serialize(decision with { ReviewRequest = null, Override = null }, Json))
            .AddParameter("@review", decision.ReviewRequest is null ? null : JsonSerializer.Serialize(decision.ReviewRequest, Json))
            .AddParameter("@override", decision.Override is null ? null : JsonSerializer.Serialize(decision.Override, Json));
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<ReleaseDecisionRecord?> FindAsync(string decisionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command("SELECT decision_json, review_json, override_json FROM release_decisions WHERE id = @id");
        cmd.AddParameter("@id", decisionId.Trim().ToUpperInvariant());
        var found = await ReadAsync(cmd, cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    public async Task<IReadOnlyList<ReleaseDecisionRecord>> ListAsync(string? service, DateTimeOffset? since, CancellationToken cancellationToken, int limit = 50)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command(
            "SELECT decision_json, review_json, override_json FROM release_decisions WHERE decided_at >= @since" +
            (service is null ? "" : " AND service_key = @service") +
            " ORDER BY decided_at DESC, id DESC LIMIT @limit");
        cmd.AddParameter("@since", since?.ToUnixTimeMilliseconds() ?? long.MinValue).AddParameter("@limit", limit);
        if (service is not null)
            cmd.AddParameter("@service", service.ToLowerInvariant());
        return await ReadAsync(cmd, cancellationToken).ConfigureAwait(false);
    }

    public Task<bool> RecordOverrideAsync(string decisionId, ReleaseOverride releaseOverride, CancellationToken cancellationToken) =>
        SetOnceAsync("override_json", decisionId, JsonSerializer.Serialize(releaseOverride, Json), cancellationToken);

    public Task<bool> RecordReviewRequestAsync(string decisionId, ReleaseReviewRequest request, CancellationToken cancellationToken) =>
        SetOnceAsync("review_json", decisionId, JsonSerializer.Serialize(request, Json), cancellationToken);

    private async Task<bool> SetOnceAsync(string column, string decisionId, string json, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command($"UPDATE release_decisions SET {column} = @json WHERE id = @id AND {column} IS NULL");
        cmd.AddParameter("@json", json).AddParameter("@id", decisionId.Trim().ToUpperInvariant());
        return await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private static async Task<IReadOnlyList<ReleaseDecisionRecord>> ReadAsync(DbCommand cmd, CancellationToken cancellationToken)
    {
        var list = new List<ReleaseDecisionRecord>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var decision = JsonSerializer.Deserialize<ReleaseDecisionRecord>(reader.GetString(0), Json)!;
            if (!await reader.IsDBNullAsync(1, cancellationToken).ConfigureAwait(false))
                decision = decision with { ReviewRequest = JsonSerializer.Deserialize<ReleaseReviewRequest>(reader.GetString(1), Json) };
            if (!await reader.IsDBNullAsync(2, cancellationToken).ConfigureAwait(false))
                decision = decision with { Override = JsonSerializer.Deserialize<ReleaseOverride>(reader.GetString(2), Json) };
            list.Add(decision);
        }

        return list;
    }
}
