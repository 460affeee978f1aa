using SloBot.Chat.Delivery;

namespace SloBot.Storage.Delivery;

/// <summary>
/// The <c>button_values</c> table: what each long button key stands for, one row per key. Saving is an
/// <c>INSERT … ON CONFLICT DO NOTHING</c>, so the same key saved twice (a re-render, replicas racing) is one row.
/// Rows are never pruned: they are tiny, and a button can be clicked as long as its message exists.
/// </summary>
internal sealed class SqlButtonValueStore(Database database) : IButtonValueStore
{
    public const string MigrationId = "delivery/004_button_values";

    public const string Schema = """
        CREATE TABLE button_values (
            button_key TEXT PRIMARY KEY,
            action TEXT NOT NULL,
            value TEXT NULL
        );
        """;

    public async Task SaveAsync(string key, string action, string? value, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var insert = connection.Command("INSERT INTO button_values (button_key, action, value) VALUES (@key, @action, @value) ON CONFLICT (button_key) DO NOTHING");
        insert.AddParameter("@key", key).AddParameter("@action", action).AddParameter("@value", value);
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<ButtonValue?> FindAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var select = connection.Command("SELECT action, value FROM button_values WHERE button_key = @key");
        select.AddParameter("@key", key);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            return null;
        return new ButtonValue(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1));
    }
}
