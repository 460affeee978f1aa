using Microsoft.Extensions.DependencyInjection;
using SloBot.Chat.Retrospectives;
using SloBot.Storage.Documents;

namespace SloBot.Storage.Retrospectives;

public static class RetrospectiveStorage
{
    public const string MigrationId = "retrospectives/001_retrospectives";

    /// <summary>Replaces main's "005_conversations", which created this table with the conversations table.</summary>
    public const string LegacyMigrationId = "005_conversations";

    public const string Schema = """
        CREATE TABLE retrospectives (
            id TEXT PRIMARY KEY,
            incident_id TEXT NOT NULL,
            started_at TEXT NOT NULL,
            published_at TEXT NOT NULL,
            document TEXT NOT NULL
        );
        CREATE INDEX ix_retrospectives_incident ON retrospectives (incident_id);
        """;

    /// <summary>Published retrospectives in SQL (the published-document store, table <c>retrospectives</c>), with its migrations.</summary>
    public static IServiceCollection AddRetrospectivesStorage(this IServiceCollection services)
    {
        services.AddStorageMigration(MigrationId, Schema, replaces: LegacyMigrationId);
        services.AddDocumentTable(new DocumentTable(RetrospectiveDocuments.Kind.Name, "retrospectives", titleColumn: "incident_id", startColumn: "started_at"));
        return services;
    }
}
