using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SloBot.Chat.Alerts;
using SloBot.Chat.Delivery;
using SloBot.Chat.Releases;
using SloBot.Chat.Schedules;
using SloBot.Chat.Tiers;
using SloBot.Storage.Alerts;
using SloBot.Storage.Conversations;
using SloBot.Storage.Delivery;
using SloBot.Storage.Releases;
using SloBot.Storage.Schedules;
using SloBot.Storage.Tiers;

namespace SloBot.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>The state store (<c>SloBot:Storage:ConnectionString</c>) and its migrations.</summary>
    public static IServiceCollection AddSloBotStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString), "SloBot:Storage:ConnectionString must not be empty (default: \"Data Source=slobot.db\").")
            .ValidateOnStart();
        services.AddSingleton<Database>();
        services.AddStorageMigration(SqlReleaseDecisionLog.MigrationId, SqlReleaseDecisionLog.Schema);
        services.Replace(ServiceDescriptor.Singleton<IReleaseDecisionLog, SqlReleaseDecisionLog>());
        services.AddConversationStorage();
        services.AddStorageMigration(SqlTierAdoptions.MigrationId, SqlTierAdoptions.Schema);
        services.Replace(ServiceDescriptor.Singleton<ITierAdoptions, SqlTierAdoptions>());
        services.AddStorageMigration(SqlScheduleLedger.MigrationId, SqlScheduleLedger.Schema);
        services.Replace(ServiceDescriptor.Singleton<IScheduleLedger, SqlScheduleLedger>());
        services.AddStorageMigration(SqlAlertStateStore.MigrationId, SqlAlertStateStore.Schema);
        services.Replace(ServiceDescriptor.Singleton<IAlertStateStore, SqlAlertStateStore>());
        services.AddStorageMigration(SqlHandledRequests.MigrationId, SqlHandledRequests.Schema);
        services.Replace(ServiceDescriptor.Singleton<IHandledRequests, SqlHandledRequests>());
        return services;
    }

    public static IServiceCollection AddStorageMigration(this IServiceCollection services, string id, string sql, string? postgreSql = null) =>
        services.AddSingleton(new StorageMigration(id, sql, postgreSql));
}
