using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SloBot.Chat.Retrospectives;

namespace SloBot.Storage.Retrospectives;

public static class RetrospectiveStorage
{
    /// <summary>Fulfils the retrospectives' store contract in SQL, with its migrations.</summary>
    public static IServiceCollection AddRetrospectivesStorage(this IServiceCollection services)
    {
        services.AddStorageMigration(SqlRetrospectiveStore.MigrationId, SqlRetrospectiveStore.Schema, replaces: SqlRetrospectiveStore.LegacyMigrationId);
        services.Replace(ServiceDescriptor.Singleton<IRetrospectiveStore, SqlRetrospectiveStore>());
        return services;
    }
}
