namespace SloBot.Storage;

/// <summary><c>SloBot:Storage</c>. SQLite is the default; a PostgreSQL connection string ("Host=…") selects Npgsql.</summary>
public sealed class StorageOptions
{
    public const string Section = "SloBot:Storage";

    public const string ConnectionStringKey = Section + ":ConnectionString";

    /// <summary>Default: a SQLite file next to the working directory.</summary>
    public string ConnectionString { get; set; } = "Data Source=slobot.db";

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
