using System.Data.Common;
using SloBot.Chat.Conversations;
using SloBot.Chat.Events;
using static SloBot.Storage.SqlValues;

namespace SloBot.Storage.Conversations;

/// <summary>Conversations in SQL: one active per thread (partial unique index), saves guarded by the row version.</summary>
internal sealed class SqlConversationStore(Database database) : IConversationStore
{
    private const string Columns = "id, platform, channel, thread, kind, flow_version, state, status, data, title, started_by, created_at, updated_at, reminded_at, link, version";

    public async Task<bool> CreateAsync(ConversationRecord record, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command($"INSERT INTO conversations ({Columns}) VALUES (@id, @platform, @channel, @thread, @kind, @flow_version, @state, @status, @data, @title, @started_by, @created_at, @updated_at, @reminded_at, @link, 0)");
        Bind(cmd, record);
        try
        {
            await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DbException ex) when (IsConflict(ex))
        {
            return false;
        }
    }

    public Task<ConversationRecord?> GetAsync(string id, CancellationToken cancellationToken) =>
        SingleAsync("id = @id", cmd => cmd.AddParameter("@id", id), cancellationToken);

    public Task<ConversationRecord?> FindActiveAsync(ConversationKey key, CancellationToken cancellationToken) =>
        SingleAsync("platform = @platform AND channel = @channel AND thread = @thread AND status = 'active'", cmd => cmd
            .AddParameter("@platform", key.Platform).AddParameter("@channel", key.Channel).AddParameter("@thread", key.Thread ?? ""), cancellationToken);

    public Task<ConversationRecord?> FindLatestAsync(ConversationKey key, CancellationToken cancellationToken) =>
        SingleAsync("platform = @platform AND channel = @channel AND thread = @thread ORDER BY created_at DESC, id DESC LIMIT 1", cmd => cmd
            .AddParameter("@platform", key.Platform).AddParameter("@channel", key.Channel).AddParameter("@thread", key.Thread ?? ""), cancellationToken);

    public async Task<IReadOnlyList<ConversationRecord>> ListAsync(string? kind, bool activeOnly, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var where = (kind, activeOnly) switch
        {
            (null, false) => "1 = 1",
            (null, true) => "status = 'active'",
            (_, false) => "kind = @kind",
            _ => "kind = @kind AND status = 'active'",
        };
        await using var cmd = connection.Command($"SELECT {Columns} FROM conversations WHERE {where} ORDER BY created_at DESC, id DESC LIMIT @limit");
        cmd.AddParameter("@kind", kind).AddParameter("@limit", Math.Min(limit, 100_000));
        return await ReadAsync(cmd, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> TryUpdateAsync(ConversationRecord record, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command("""
            UPDATE conversations SET platform = @platform, channel = @channel, thread = @thread, kind = @kind, flow_version = @flow_version,
                state = @state, status = @status, data = @data, title = @title, started_by = @started_by, created_at = @created_at,
                updated_at = @updated_at, reminded_at = @reminded_at, link = @link, version = @version + 1
            WHERE id = @id AND version = @version
            """);
        Bind(cmd, record);
        cmd.AddParameter("@version", record.Version);
        try
        {
            return await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }
        catch (DbException ex) when (IsConflict(ex))
        {
            return false; // reactivating into a thread that has another active conversation
        }
    }

    private async Task<ConversationRecord?> SingleAsync(string where, Action<DbCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command($"SELECT {Columns} FROM conversations WHERE {where}");
        bind(cmd);
        return (await ReadAsync(cmd, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
    }

    private static async Task<IReadOnlyList<ConversationRecord>> ReadAsync(DbCommand cmd, CancellationToken cancellationToken)
    {
        var list = new List<ConversationRecord>();
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var thread = r.GetString(3);
            list.Add(new ConversationRecord(
                r.GetString(0),
                new ConversationKey(r.GetString(1), r.GetString(2), thread.Length == 0 ? null : thread),
                r.GetString(4),
                Convert.ToInt32(r.GetValue(5), System.Globalization.CultureInfo.InvariantCulture),
                r.GetString(6),
                r.GetString(8),
                r.GetString(9),
                r.GetString(10),
                ParseTime(r.GetString(11)),
                ParseTime(r.GetString(12)),
                Convert.ToInt64(r.GetValue(15), System.Globalization.CultureInfo.InvariantCulture),
                r.IsDBNull(13) ? null : ParseTime(r.GetString(13)),
                r.IsDBNull(14) ? null : r.GetString(14)));
        }

        return list;
    }

    private static void Bind(DbCommand cmd, ConversationRecord record) => cmd
        .AddParameter("@id", record.Id)
        .AddParameter("@platform", record.Key.Platform)
        .AddParameter("@channel", record.Key.Channel)
        .AddParameter("@thread", record.Key.Thread ?? "")
        .AddParameter("@kind", record.Kind)
        .AddParameter("@flow_version", record.FlowVersion)
        .AddParameter("@state", record.State)
        .AddParameter("@status", record.Status.ToString().ToLowerInvariant())
        .AddParameter("@data", record.Data)
        .AddParameter("@title", record.Title)
        .AddParameter("@started_by", record.StartedBy)
        .AddParameter("@created_at", Time(record.CreatedAt))
        .AddParameter("@updated_at", Time(record.UpdatedAt))
        .AddParameter("@reminded_at", record.RemindedAt is { } at ? Time(at) : null)
        .AddParameter("@link", record.Link);
}
