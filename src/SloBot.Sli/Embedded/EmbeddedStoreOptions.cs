namespace SloBot.Sli.Embedded;

/// <summary>
/// Where the embedded SLI store keeps its SQLite database: <c>SloBot:Sli:Embedded:ConnectionString</c>, by default the
/// same file as SloBot's state (<c>SloBot:Storage:ConnectionString</c>) when that is SQLite.
/// </summary>
public sealed class EmbeddedStoreOptions
{
    public const string Section = "SloBot:Sli:Embedded";

    public const string ConnectionStringKey = Section + ":ConnectionString";

    /// <summary>The default when SloBot's state is in PostgreSQL.</summary>
    public const string BesidePostgreSql = "Data Source=slobot-sli.db";

    public string ConnectionString { get; set; } = "Data Source=slobot.db";
}
