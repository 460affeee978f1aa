using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SloBot.Chat.Delivery;

namespace SloBot.Storage.Delivery;

public static class DeliveryStorage
{
    /// <summary>
    /// Fulfils the chat layer's handled-request ids (de-duplication across replicas) and the outbox's record of
    /// deliveries (replies that outlive the process), the inbox's record of accepted inbound work (commands that outlive
    /// the process) and long button values (buttons that still work after a restart or on another replica) in SQL,
    /// with their migrations.
    /// </summary>
    public static IServiceCollection AddDeliveryStorage(this IServiceCollection services)
    {
        services.AddStorageMigration(SqlHandledRequests.MigrationId, SqlHandledRequests.Schema, replaces: SqlHandledRequests.LegacyMigrationId);
        services.Replace(ServiceDescriptor.Singleton<IHandledRequests, SqlHandledRequests>());
        services.AddStorageMigration(SqlOutboxStore.MigrationId, SqlOutboxStore.Schema, SqlOutboxStore.PostgreSqlSchema);
        services.Replace(ServiceDescriptor.Singleton<IOutboxStore, SqlOutboxStore>());
        services.AddStorageMigration(SqlInboxStore.MigrationId, SqlInboxStore.Schema, SqlInboxStore.PostgreSqlSchema);
        services.Replace(ServiceDescriptor.Singleton<IInboxStore, SqlInboxStore>());
        services.AddStorageMigration(SqlButtonValueStore.MigrationId, SqlButtonValueStore.Schema);
        services.Replace(ServiceDescriptor.Singleton<IButtonValueStore, SqlButtonValueStore>());
        return services;
    }
}
