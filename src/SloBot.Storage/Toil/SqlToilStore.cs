using System.Data.Common;
using System.Globalization;
using SloBot.Chat.Toil;
using SloBot.Core.Toil;
using static SloBot.Storage.SqlValues;

namespace SloBot.Storage.Toil;

/// <summary>Toil tasks; ids are small numbers people type (<c>/slo toil remove 3</c>), max + 1 with a retry on collision, never reused (removal is a mark).</summary>
internal sealed class SqlToilStore(Database database) : IToilStore
{
    public const string MigrationId = "toil/001_toil_tasks";

    /// <summary>DOUBLE PRECISION: eight bytes on both providers (PostgreSQL's REAL is four).</summary>
    public const string Schema = """
        CREATE TABLE toil_tasks (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            frequency_per_week DOUBLE PRECISION NOT NULL,
            duration_hours DOUBLE PRECISION NOT NULL,
            error_prone INTEGER NOT NULL,
            automation_complexity INTEGER NOT NULL,
            automation_effort_hours DOUBLE PRECISION NULL,
            added_by TEXT NOT NULL,
            added_at TEXT NOT NULL,
            removed_by TEXT NULL,
            removed_at TEXT NULL
        );
        """;

    private const string Columns = "id, name, frequency_per_week, duration_hours, error_prone, automation_complexity, automation_effort_hours, added_by, added_at";

    public async Task<StoredToilTask> AddAsync(ToilTask task, string addedBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
                await using var cmd = connection.Command($"""
                    INSERT INTO toil_tasks ({Columns}, removed_by, removed_at)
                    SELECT COALESCE(MAX(id), 0) + 1, @name, @frequency, @duration, @errorProne, @complexity, @effort, @by, @at, NULL, NULL FROM toil_tasks
                    RETURNING id
                    """);
                cmd.AddParameter("@name", task.Name).AddParameter("@frequency", task.FrequencyPerWeek).AddParameter("@duration", task.DurationHours)
                    .AddParameter("@errorProne", task.ErrorProne ? 1 : 0).AddParameter("@complexity", task.AutomationComplexity)
                    .AddParameter("@effort", task.AutomationEffortHours).AddParameter("@by", addedBy).AddParameter("@at", Time(at));
                var id = Convert.ToInt32(await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
                return new StoredToilTask(id, task, addedBy, ParseTime(Time(at)));
            }
            catch (DbException ex) when (IsConflict(ex) && attempt < 10)
            {
                // another writer took the same id: allocate again
            }
        }
    }

    public async Task<IReadOnlyList<StoredToilTask>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command($"SELECT {Columns} FROM toil_tasks WHERE removed_at IS NULL ORDER BY id");
        return await ReadAsync(cmd, cancellationToken).ConfigureAwait(false);
    }

    public async Task<StoredToilTask?> RemoveAsync(int id, string removedBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command($"UPDATE toil_tasks SET removed_by = @by, removed_at = @at WHERE id = @id AND removed_at IS NULL RETURNING {Columns}");
        cmd.AddParameter("@id", id).AddParameter("@by", removedBy).AddParameter("@at", Time(at));
        return (await ReadAsync(cmd, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
    }

    private static async Task<IReadOnlyList<StoredToilTask>> ReadAsync(DbCommand cmd, CancellationToken cancellationToken)
    {
        var list = new List<StoredToilTask>();
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var task = new ToilTask(
                r.GetString(1),
                Convert.ToDouble(r.GetValue(2), CultureInfo.InvariantCulture),
                Convert.ToDouble(r.GetValue(3), CultureInfo.InvariantCulture),
                Convert.ToInt32(r.GetValue(4), CultureInfo.InvariantCulture) != 0,
                Convert.ToInt32(r.GetValue(5), CultureInfo.InvariantCulture),
                r.IsDBNull(6) ? null : Convert.ToDouble(r.GetValue(6), CultureInfo.InvariantCulture));
            list.Add(new StoredToilTask(Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture), task, r.GetString(7), ParseTime(r.GetString(8))));
        }

        return list;
    }
}
