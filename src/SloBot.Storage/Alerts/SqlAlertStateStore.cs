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
        if (expected is null)
        {
            try
            {
                await using var insert = connection.Command("INSERT INTO alert_states (slo, severity, since, message_id) VALUES (@slo, @severity, @since, NULL)");
                insert.AddParameter("@slo", next.Slo).AddParameter("@severity", next.Severity).AddParameter("@since", next.Since.ToUnixTimeMilliseconds());
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (Exception ex) when (SqlValues.IsConflict(ex))
            {
                return false;
            }
        }

        await using var update = connection.Command("UPDATE alert_states SET severity = @severity, since = @since, message_id = NULL WHERE slo = @slo AND severity = @expected");
        update.AddParameter("@slo", next.Slo).AddParameter("@severity", next.Severity).AddParameter("@since", next.Since.ToUnixTimeMilliseconds()).AddParameter("@expected", expected);
        return await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task SetMessageAsync(string slo, string messageId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command("UPDATE alert_states SET message_id = @message WHERE slo = @slo");
        cmd.AddParameter("@slo", slo).AddParameter("@message", messageId);
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
