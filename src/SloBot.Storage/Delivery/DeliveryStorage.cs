using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SloBot.Chat.Delivery;

namespace SloBot.Storage.Delivery;

public static class DeliveryStorage
{
    /// <summary>Fulfils the chat layer's handled-request ids (de-duplication across replicas) in SQL, with its migrations.</summary>
    public static IServiceCollection AddDeliveryStorage(this IServiceCollection services)
    {
        services.AddStorageMigration(SqlHandledRequests.MigrationId, SqlHandledRequests.Schema, replaces: SqlHandledRequests.LegacyMigrationId);
        services.Replace(ServiceDescriptor.Singleton<IHandledRequests, SqlHandledRequests>());
        return services;
    }
}
