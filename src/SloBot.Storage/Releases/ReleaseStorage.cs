using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SloBot.Chat.Releases;

namespace SloBot.Storage.Releases;

public static class ReleaseStorage
{
    /// <summary>Fulfils the releases' decision log contract in SQL, with its migrations.</summary>
    public static IServiceCollection AddReleasesStorage(this IServiceCollection services)
    {
        services.AddStorageMigration(SqlReleaseDecisionLog.MigrationId, SqlReleaseDecisionLog.Schema, replaces: SqlReleaseDecisionLog.LegacyMigrationId);
        services.Replace(ServiceDescriptor.Singleton<IReleaseDecisionLog, SqlReleaseDecisionLog>());
        return services;
    }
}
