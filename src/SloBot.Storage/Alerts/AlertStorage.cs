using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SloBot.Chat.Alerts;

namespace SloBot.Storage.Alerts;

public static class AlertStorage
{
    /// <summary>Fulfils the burn-rate alerts' state store contract in SQL, with its migrations.</summary>
    public static IServiceCollection AddAlertsStorage(this IServiceCollection services)
    {
        services.AddStorageMigration(SqlAlertStateStore.MigrationId, SqlAlertStateStore.Schema, replaces: SqlAlertStateStore.LegacyMigrationId);
        services.AddStorageMigration(SqlAlertStateStore.HistoryMigrationId, SqlAlertStateStore.HistorySchema);
        services.Replace(ServiceDescriptor.Singleton<IAlertStateStore, SqlAlertStateStore>());
        return services;
    }
}
