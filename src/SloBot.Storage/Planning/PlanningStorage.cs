using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SloBot.Chat.Planning;
using SloBot.Storage.Documents;

namespace SloBot.Storage.Planning;

public static class PlanningStorage
{
    public const string PlansMigrationId = "planning/001_quarterly_plans";

    public static readonly DocumentTable Plans = new(PlanDocuments.Kind.Name, "quarterly_plans", titleColumn: "quarter");

    /// <summary>
    /// The planning store contract in SQL (<c>planning/002_plan_ratings_and_targets</c>) and published plans in the
    /// published-document store (table <c>quarterly_plans</c>, <c>planning/001_quarterly_plans</c>).
    /// </summary>
    public static IServiceCollection AddPlanningStorage(this IServiceCollection services)
    {
        services.AddStorageMigration(PlansMigrationId, Plans.Schema);
        services.AddDocumentTable(Plans);
        services.AddStorageMigration(SqlPlanStore.MigrationId, SqlPlanStore.Schema);
        services.Replace(ServiceDescriptor.Singleton<IPlanStore, SqlPlanStore>());
        return services;
    }
}
