using SloBot.Chat.Schedules;

namespace SloBot.Storage.Schedules;

/// <summary>The <c>schedule_runs</c> ledger: the primary key (job, occurrence) makes one inserter the poster, across replicas.</summary>
internal sealed class SqlScheduleLedger(Database database) : IScheduleLedger
{
    public const string MigrationId = "schedules/001_schedule_runs";

    /// <summary>The id main used before migrations were named per capability.</summary>
    public const string LegacyMigrationId = "011_schedule_runs";

    public const string Schema = """
        CREATE TABLE schedule_runs (
            job TEXT NOT NULL,
            occurrence BIGINT NOT NULL,
            status TEXT NOT NULL,
            message_id TEXT NULL,
            updated_at BIGINT NOT NULL,
            PRIMARY KEY (job, occurrence)
        );
        """;

    public async Task<DateTimeOffset?> LastAsync(string job, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command("SELECT MAX(occurrence) FROM schedule_runs WHERE job = @job");
        cmd.AddParameter("@job", job);
        var value = await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is null or DBNull ? null : DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
    }

    public async Task<bool> TryClaimAsync(string job, DateTimeOffset occurrence, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var insert = connection.Command("INSERT INTO schedule_runs (job, occurrence, status, message_id, updated_at) VALUES (@job, @at, 'claimed', NULL, @now)");
            insert.AddParameter("@job", job).AddParameter("@at", occurrence.ToUnixTimeMilliseconds()).AddParameter("@now", now.ToUnixTimeMilliseconds());
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (SqlValues.IsConflict(ex))
        {
            // Someone has it. Take it over only if that claim is stale and never posted (its process died).
            await using var takeOver = connection.Command(
                "UPDATE schedule_runs SET updated_at = @now WHERE job = @job AND occurrence = @at AND status = 'claimed' AND message_id IS NULL AND updated_at <= @stale");
            takeOver.AddParameter("@job", job).AddParameter("@at", occurrence.ToUnixTimeMilliseconds())
                .AddParameter("@now", now.ToUnixTimeMilliseconds()).AddParameter("@stale", (now - IScheduleLedger.StaleClaim).ToUnixTimeMilliseconds());
            return await takeOver.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }
    }

    public async Task CompleteAsync(string job, DateTimeOffset occurrence, ScheduleRunStatus status, string? messageId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command("UPDATE schedule_runs SET status = @status, message_id = @message, updated_at = @now WHERE job = @job AND occurrence = @at");
        cmd.AddParameter("@status", status.ToString().ToLowerInvariant()).AddParameter("@message", messageId).AddParameter("@now", now.ToUnixTimeMilliseconds())
            .AddParameter("@job", job).AddParameter("@at", occurrence.ToUnixTimeMilliseconds());
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task ReleaseAsync(string job, DateTimeOffset occurrence, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command("DELETE FROM schedule_runs WHERE job = @job AND occurrence = @at AND status = 'claimed'");
        cmd.AddParameter("@job", job).AddParameter("@at", occurrence.ToUnixTimeMilliseconds());
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ScheduleRun>> RecentAsync(string job, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command("SELECT occurrence, status, message_id, updated_at FROM schedule_runs WHERE job = @job ORDER BY occurrence DESC LIMIT @limit");
        cmd.AddParameter("@job", job).AddParameter("@limit", limit);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var runs = new List<ScheduleRun>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var status = Enum.TryParse<ScheduleRunStatus>(reader.GetString(1), ignoreCase: true, out var s) ? s : ScheduleRunStatus.Claimed;
            runs.Add(new ScheduleRun(job, DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)), status, reader.IsDBNull(2) ? null : reader.GetString(2), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3))));
        }

        return runs;
    }
}
