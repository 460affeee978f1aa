using SloBot.Chat.Alerts;

namespace SloBot.Storage.Alerts;

/// <summary>Burn-rate alert states: one row per SLO, changed only if the severity is still the one the caller saw.</summary>
internal sealed class SqlAlertStateStore(Database database) : IAlertStateStore
{
    public const string MigrationId = "alerts/001_alert_states";

    /// <summary>The id main used before migrations were named per capability.</summary>
    public const string LegacyMigrationId = "012_alert_states";

    public const string Schema = """
        CREATE TABLE alert_states (
            slo TEXT PRIMARY KEY,
            severity TEXT NOT NULL,
            since BIGINT NOT NULL,
            message_id TEXT NULL
        );
        """;

    public const string HistoryMigrationId = "alerts/002_alert_changes";

    /// <summary>Every change won, for the alerts of a past window; written in the change's transaction.</summary>
    public const string HistorySchema = """
        CREATE TABLE alert_changes (
            slo TEXT NOT NULL,
            severity TEXT NOT NULL,
            since BIGINT NOT NULL
        );
        CREATE INDEX alert_changes_since ON alert_changes (since);
        """;

    public async Task<IReadOnlyList<AlertState>> ChangesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command("SELECT slo, severity, since FROM alert_changes WHERE since >= @from AND since <= @to ORDER BY since, slo");
        cmd.AddParameter("@from", from.ToUnixTimeMilliseconds()).AddParameter("@to", to.ToUnixTimeMilliseconds());
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var changes = new List<AlertState>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            changes.Add(new AlertState(reader.GetString(0), reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)), null));
        return changes;
    }

    public async Task<IReadOnlyList<AlertState>> AllAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command("SELECT slo, severity, since, message_id FROM alert_states");
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var states = new List<AlertState>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            states.Add(new AlertState(reader.GetString(0), reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)), reader.IsDBNull(3) ? null : reader.GetString(3)));
        return states;
    }

    public async Task<bool> TryChangeAsync(string? expected, AlertState next, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        int changed;
        try
        {
            await using var change = expected is null
                ? connection.Command("INSERT INTO alert_states (slo, severity, since, message_id) VALUES (@slo, @severity, @since, NULL)", tx)
                : connection.Command("UPDATE alert_states SET severity = @severity, since = @since, message_id = NULL WHERE slo = @slo AND severity = @expected", tx);
            change.AddParameter("@slo", next.Slo).AddParameter("@severity", next.Severity).AddParameter("@since", next.Since.ToUnixTimeMilliseconds());
            if (expected is not null)
                change.AddParameter("@expected", expected);
            changed = await change.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (expected is null && SqlValues.IsConflict(ex))
        {
            return false; // another replica inserted first (the transaction is rolled back on dispose)
        }

        if (changed != 1)
            return false;
        await using var history = connection.Command("INSERT INTO alert_changes (slo, severity, since) VALUES (@slo, @severity, @since)", tx);
        history.AddParameter("@slo", next.Slo).AddParameter("@severity", next.Severity).AddParameter("@since", next.Since.ToUnixTimeMilliseconds());
        await history.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task SetMessageAsync(string slo, string messageId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command("UPDATE alert_states SET message_id = @message WHERE slo = @slo");
        cmd.AddParameter("@slo", slo).AddParameter("@message", messageId);
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
