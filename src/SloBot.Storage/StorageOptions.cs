namespace SloBot.Storage;

/// <summary><c>SloBot:Storage</c>. SQLite is the default; a PostgreSQL connection string ("Host=…") selects Npgsql.</summary>
public sealed class StorageOptions
{
    public const string Section = "SloBot:Storage";

    public const string ConnectionStringKey = Section + ":ConnectionString";

    /// <summary>Default: a SQLite file next to the working directory.</summary>
    public string ConnectionString { get; set; } = "Data Source=slobot.db";

    public const string CheckpointIntervalKey = Section + ":CheckpointInterval";

    /// <summary>
    /// SQLite only: <see cref="SqliteCheckpointer"/> copies the write-ahead log into the database file once the store was
    /// idle this long (no connection opened), and under sustained use at least every <see cref="SqliteCheckpointer.ForcedAfterTicks"/>
    /// of these. While it runs, SloBot's connections never do it on commit (SQLite's automatic checkpoint), so no inbox
    /// record waits for one.
    /// </summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(1);

    public StorageProvider Provider => ConnectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase)
        || ConnectionString.StartsWith("postgres", StringComparison.OrdinalIgnoreCase)
        ? StorageProvider.PostgreSql
        : StorageProvider.Sqlite;
}

public enum StorageProvider
{
    Sqlite,
    PostgreSql,
}
