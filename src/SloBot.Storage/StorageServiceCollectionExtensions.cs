using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SloBot.Storage.ActionItems;
using SloBot.Storage.Alerts;
using SloBot.Storage.Conversations;
using SloBot.Storage.Delivery;
using SloBot.Storage.Leases;
using SloBot.Storage.Releases;
using SloBot.Storage.Retrospectives;
using SloBot.Storage.Reviews;
using SloBot.Storage.Schedules;
using SloBot.Storage.Tiers;
using SloBot.Storage.Planning;
using SloBot.Storage.Toil;

namespace SloBot.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// The state store (<c>SloBot:Storage:ConnectionString</c>) and, per capability, the SQL store that fulfils its
    /// store contract with that capability's own migrations (each <c>AddXxxStorage</c> lives in the capability's folder).
    /// Call order with the capabilities' <c>AddXxx</c> does not matter: the SQL stores replace the in-memory defaults.
    /// </summary>
    public static IServiceCollection AddSloBotStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<StorageOptions, StorageOptionsValidator>().Bind(configuration.GetSection(StorageOptions.Section));
        services.AddSingleton<Database>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<SqliteCheckpointer>();
        services.AddDeliveryStorage();
        services.AddLeasesStorage();
        services.AddConversationsStorage();
        services.AddReleasesStorage();
        services.AddTiersStorage();
        services.AddRetrospectivesStorage();
        services.AddReviewsStorage();
        services.AddActionItemsStorage();
        services.AddSchedulesStorage();
        services.AddAlertsStorage();
        services.AddToilStorage();
        services.AddPlanningStorage();
        return services;
    }

    /// <summary>A capability's schema step; <paramref name="replaces"/> names the global id main applied the same SQL under.</summary>
    public static IServiceCollection AddStorageMigration(this IServiceCollection services, string id, string sql, string? postgreSql = null, string? replaces = null) =>
        services.AddSingleton(new StorageMigration(id, sql, postgreSql) { Replaces = replaces });
}
