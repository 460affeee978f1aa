using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SloBot.Chat.Tiers;

namespace SloBot.Storage.Tiers;

public static class TierStorage
{
    /// <summary>Fulfils the tiers' adoption store contract in SQL, with its migrations.</summary>
    public static IServiceCollection AddTiersStorage(this IServiceCollection services)
    {
        services.AddStorageMigration(SqlTierAdoptions.MigrationId, SqlTierAdoptions.Schema, replaces: SqlTierAdoptions.LegacyMigrationId);
        services.Replace(ServiceDescriptor.Singleton<ITierAdoptions, SqlTierAdoptions>());
        return services;
    }
}
