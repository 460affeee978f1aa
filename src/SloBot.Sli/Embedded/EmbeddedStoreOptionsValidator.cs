using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace SloBot.Sli.Embedded;

/// <summary>Names <c>SloBot:Sli:Embedded:ConnectionString</c> when it is not a SQLite connection string.</summary>
internal sealed class EmbeddedStoreOptionsValidator : IValidateOptions<EmbeddedStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, EmbeddedStoreOptions options) => IsSqlite(options.ConnectionString)
        ? ValidateOptionsResult.Success
        : ValidateOptionsResult.Fail(
            $"{EmbeddedStoreOptions.ConnectionStringKey} must be a SQLite connection string such as 'Data Source=slobot-sli.db' " +
            "(the embedded SLI store is SQLite; SloBot's state can be in PostgreSQL through SloBot:Storage:ConnectionString).");

    public static bool IsSqlite(string connectionString)
    {
        try
        {
            return !string.IsNullOrWhiteSpace(new SqliteConnectionStringBuilder(connectionString).DataSource);
        }
        catch (ArgumentException)
        {
            return false; // a keyword SQLite does not know, such as PostgreSQL's Host
        }
    }
}
