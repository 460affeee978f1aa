using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SloBot.Sli.Embedded;

namespace SloBot.Sli;

public static class SliServiceCollectionExtensions
{
    /// <summary>
    /// The embedded store, always available (import, push); it is the <c>ISliSource</c> when <c>SloBot:Sli:Source</c> is
    /// Embedded. It is SQLite: <c>SloBot:Sli:Embedded:ConnectionString</c>, by default SloBot's state database when that
    /// is SQLite too, else <c>slobot-sli.db</c> in the working directory (state in PostgreSQL).
    /// </summary>
    public static IServiceCollection AddEmbeddedSliStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmbeddedStoreOptions>()
            .Configure(o => o.ConnectionString = configuration[EmbeddedStoreOptions.ConnectionStringKey] ?? DefaultConnectionString(configuration["SloBot:Storage:ConnectionString"]) ?? o.ConnectionString)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmbeddedStoreOptions>, EmbeddedStoreOptionsValidator>();
        services.AddSingleton<EmbeddedSliStore>();
        // /slo rules writes recording rules with the PromQL the Prometheus source would count with.
        Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAddSingleton<Core.Design.SliWindowing>(services, Prometheus.PromQlPreview.ForWindow);
        return services;
    }

    private static string? DefaultConnectionString(string? storage) =>
        storage is null ? null : EmbeddedStoreOptionsValidator.IsSqlite(storage) ? storage : EmbeddedStoreOptions.BesidePostgreSql;
}

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
