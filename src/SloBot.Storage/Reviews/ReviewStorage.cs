using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SloBot.Chat.Reviews;

namespace SloBot.Storage.Reviews;

public static class ReviewStorage
{
    /// <summary>Fulfils the weekly reviews' store contract in SQL, with its migrations.</summary>
    public static IServiceCollection AddReviewsStorage(this IServiceCollection services)
    {
        services.AddStorageMigration(SqlWeeklyReviewStore.MigrationId, SqlWeeklyReviewStore.Schema, replaces: SqlWeeklyReviewStore.LegacyMigrationId);
        services.Replace(ServiceDescriptor.Singleton<IWeeklyReviewStore, SqlWeeklyReviewStore>());
        return services;
    }
}
