using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace SloBot.Storage;

/// <summary>Where the state database is, in words a person can act on ("the SQLite file /data/slobot.db"), never with a password.</summary>
internal sealed partial record StorageLocation(string Description, string? Folder, string? Problem)
{
    public static StorageLocation Read(StorageOptions options)
    {
        try
        {
            if (options.Provider == StorageProvider.PostgreSql)
            {
                var pg = new NpgsqlConnectionStringBuilder(options.ConnectionString);
                return new($"PostgreSQL at {pg.Host}:{pg.Port} (database {pg.Database ?? "?"}, user {pg.Username ?? "?"})", null, null);
            }

            var sqlite = new SqliteConnectionStringBuilder(options.ConnectionString);
            if (sqlite.Mode == SqliteOpenMode.Memory || sqlite.DataSource is ":memory:" or "")
                return new("an in-memory SQLite database", null, null);
            var file = Path.GetFullPath(sqlite.DataSource);
            return new($"the SQLite file {file}", Path.GetDirectoryName(file), null);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            return new("an unreadable connection string", null, FirstSentence(e.Message));
        }
    }

    /// <summary>The connection string with every password blanked.</summary>
    public static string Redact(string connectionString) => Password().Replace(connectionString, "$1=***");

    private static string FirstSentence(string message) =>
        message.IndexOf(". ", StringComparison.Ordinal) is var end and > 0 ? message[..end] : message.TrimEnd('.');

    [GeneratedRegex(@"\b(password|pwd)\s*=\s*(""[^""]*""|'[^']*'|[^;]*)", RegexOptions.IgnoreCase)]
    private static partial Regex Password();
}
