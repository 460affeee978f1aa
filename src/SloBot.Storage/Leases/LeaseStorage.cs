using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SloBot.Chat.Leases;

namespace SloBot.Storage.Leases;

public static class LeaseStorage
{
    /// <summary>Fulfils the chat layer's partition leases (work shared out among replicas) in SQL, with its migration.</summary>
    public static IServiceCollection AddLeasesStorage(this IServiceCollection services)
    {
        services.AddStorageMigration(SqlPartitionLeases.MigrationId, SqlPartitionLeases.Schema);
        services.Replace(ServiceDescriptor.Singleton<IPartitionLeases, SqlPartitionLeases>());
        return services;
    }
}
