using Microsoft.Extensions.DependencyInjection;
using SloBot.Chat.Reviews;
using SloBot.Storage.Documents;

namespace SloBot.Storage.Reviews;

public static class ReviewStorage
{
    public const string MigrationId = "reviews/001_weekly_reviews";

    /// <summary>Replaces main's "005_conversations", which created this table with the conversations table.</summary>
    public const string LegacyMigrationId = "005_conversations";

    public const string Schema = """
        CREATE TABLE weekly_reviews (
            id TEXT PRIMARY KEY,
            week_start TEXT NOT NULL,
            published_at TEXT NOT NULL,
            document TEXT NOT NULL
        );
        """;

    /// <summary>Published weekly reviews in SQL (the published-document store, table <c>weekly_reviews</c>; its <c>week_start</c> column holds the title), with its migrations.</summary>
    public static IServiceCollection AddReviewsStorage(this IServiceCollection services)
    {
        services.AddStorageMigration(MigrationId, Schema, replaces: LegacyMigrationId);
        services.AddDocumentTable(new DocumentTable(WeeklyReviewDocuments.Kind.Name, "weekly_reviews", titleColumn: "week_start"));
        return services;
    }
}
