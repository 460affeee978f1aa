using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SloBot.Chat.Toil;

namespace SloBot.Storage.Toil;

public static class ToilStorage
{
    /// <summary>Fulfils the toil store contract in SQL, with its migration <c>toil/001_toil_tasks</c>.</summary>
    public static IServiceCollection AddToilStorage(this IServiceCollection services)
    {
        services.AddStorageMigration(SqlToilStore.MigrationId, SqlToilStore.Schema);
        services.Replace(ServiceDescriptor.Singleton<IToilStore, SqlToilStore>());
        return services;
    }
}
