using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SloBot.Chat.ActionItems;

namespace SloBot.Storage.ActionItems;

public static class ActionItemStorage
{
    /// <summary>Fulfils the action items' store contract in SQL, with its migrations.</summary>
    public static IServiceCollection AddActionItemsStorage(this IServiceCollection services)
    {
        services.AddStorageMigration(SqlActionItemStore.MigrationId, SqlActionItemStore.Schema, replaces: SqlActionItemStore.LegacyMigrationId);
        services.Replace(ServiceDescriptor.Singleton<IActionItemStore, SqlActionItemStore>());
        return services;
    }
}
