using System.Data.Common;
using System.Globalization;
using SloBot.Chat.ActionItems;
using static SloBot.Storage.SqlValues;

namespace SloBot.Storage.ActionItems;

/// <summary>Action items; ids are small numbers people type (<c>/slo action done 12</c>), allocated as max + 1 with a retry on collision.</summary>
internal sealed class SqlActionItemStore(Database database) : IActionItemStore
{
    public const string MigrationId = "actionitems/001_action_items";

    /// <summary>Replaces main's "005_conversations", which created this table with the conversations table.</summary>
    public const string LegacyMigrationId = "005_conversations";

    public const string Schema = """
        CREATE TABLE action_items (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            source_index INTEGER NOT NULL,
            source_title TEXT NOT NULL,
            task TEXT NOT NULL,
            owner TEXT NULL,
            due TEXT NULL,
            horizon TEXT NOT NULL,
            created_at TEXT NOT NULL,
            done_at TEXT NULL,
            done_by TEXT NULL,
            UNIQUE (source, source_index)
        );
        """;

    private const string Columns = "id, source, source_index, source_title, task, owner, due, horizon, created_at, done_at, done_by";

    public async Task<IReadOnlyList<ActionItem>> AddAsync(string source, string sourceTitle, IReadOnlyList<NewActionItem> items, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var result = new List<ActionItem>();
        foreach (var item in items)
        {
            for (var attempt = 1; ; attempt++)
            {
                if (await FindAsync(source, item.Index, cancellationToken).ConfigureAwait(false) is { } existing)
                {
                    result.Add(existing);
                    break;
                }

                try
                {
                    await InsertAsync(source, sourceTitle, item, at, cancellationToken).ConfigureAwait(false);
                }
                catch (DbException ex) when (IsConflict(ex) && attempt < 10)
                {
                    // another writer took the same id (or added the same item): look again
                }
            }
        }

        return result;
    }

    public async Task<IReadOnlyList<ActionItem>> ListAsync(bool openOnly, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command($"SELECT {Columns} FROM action_items {(openOnly ? "WHERE done_at IS NULL" : "")} ORDER BY id");
        return await ReadAsync(cmd, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ActionItem?> GetAsync(int id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command($"SELECT {Columns} FROM action_items WHERE id = @id");
        cmd.AddParameter("@id", id);
        return (await ReadAsync(cmd, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
    }

    public async Task<bool> MarkDoneAsync(int id, string by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command("UPDATE action_items SET done_at = @at, done_by = @by WHERE id = @id AND done_at IS NULL");
        cmd.AddParameter("@id", id).AddParameter("@at", Time(at)).AddParameter("@by", by);
        return await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private async Task<ActionItem?> FindAsync(string source, int index, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command($"SELECT {Columns} FROM action_items WHERE source = @source AND source_index = @index");
        cmd.AddParameter("@source", source).AddParameter("@index", index);
        return (await ReadAsync(cmd, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
    }

    private async Task InsertAsync(string source, string sourceTitle, NewActionItem item, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command($"""
            INSERT INTO action_items ({Columns})
            SELECT COALESCE(MAX(id), 0) + 1, @source, @index, @title, @task, @owner, @due, @horizon, @created, NULL, NULL FROM action_items
            """);
        cmd.AddParameter("@source", source).AddParameter("@index", item.Index).AddParameter("@title", sourceTitle).AddParameter("@task", item.Task)
            .AddParameter("@owner", item.Owner).AddParameter("@due", item.Due?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .AddParameter("@horizon", item.Horizon.ToString()).AddParameter("@created", Time(at));
        await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<ActionItem>> ReadAsync(DbCommand cmd, CancellationToken cancellationToken)
    {
        var list = new List<ActionItem>();
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new ActionItem(
                Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture),
                r.GetString(1),
                Convert.ToInt32(r.GetValue(2), CultureInfo.InvariantCulture),
                r.GetString(3),
                r.GetString(4),
                r.IsDBNull(5) ? null : r.GetString(5),
                r.IsDBNull(6) ? null : DateOnly.ParseExact(r.GetString(6), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                Enum.Parse<ActionHorizon>(r.GetString(7)),
                ParseTime(r.GetString(8)),
                r.IsDBNull(9) ? null : ParseTime(r.GetString(9)),
                r.IsDBNull(10) ? null : r.GetString(10)));
        }

        return list;
    }
}
