using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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
        services.AddOptionsWithValidateOnStart<EmbeddedStoreOptions, EmbeddedStoreOptionsValidator>()
            .Configure(o => o.ConnectionString = configuration[EmbeddedStoreOptions.ConnectionStringKey] ?? DefaultConnectionString(configuration["SloBot:Storage:ConnectionString"]) ?? o.ConnectionString);
        services.AddSingleton<EmbeddedSliStore>();
        // /slo rules writes recording rules with the PromQL the Prometheus source would count with.
        Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAddSingleton<Core.Design.SliWindowing>(services, Prometheus.PromQlPreview.ForWindow);
        return services;
    }

    private static string? DefaultConnectionString(string? storage) =>
        storage is null ? null : EmbeddedStoreOptionsValidator.IsSqlite(storage) ? storage : EmbeddedStoreOptions.BesidePostgreSql;
}
