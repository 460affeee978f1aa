using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SloBot.Chat.Schedules;

namespace SloBot.Storage.Schedules;

public static class ScheduleStorage
{
    /// <summary>Fulfils the schedules' run ledger contract in SQL (exactly-once posts across replicas), with its migrations.</summary>
    public static IServiceCollection AddSchedulesStorage(this IServiceCollection services)
    {
        services.AddStorageMigration(SqlScheduleLedger.MigrationId, SqlScheduleLedger.Schema, replaces: SqlScheduleLedger.LegacyMigrationId);
        services.Replace(ServiceDescriptor.Singleton<IScheduleLedger, SqlScheduleLedger>());
        return services;
    }
}
