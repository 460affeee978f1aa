namespace SloBot.Storage.Conversations;

/// <summary>The conversation engine's table.</summary>
internal static class ConversationSchema
{
    public const string MigrationId = "conversations/001_conversations";

    /// <summary>
    /// The id main used before migrations were named per capability. That one migration also created the
    /// retrospectives, weekly reviews and action items tables, so each of those capabilities' first migration replaces it too.
    /// </summary>
    public const string LegacyMigrationId = "005_conversations";

    public const string Sql = """
        CREATE TABLE conversations (
            id TEXT PRIMARY KEY,
            platform TEXT NOT NULL,
            channel TEXT NOT NULL,
            thread TEXT NOT NULL,
            kind TEXT NOT NULL,
            flow_version INTEGER NOT NULL,
            state TEXT NOT NULL,
            status TEXT NOT NULL,
            data TEXT NOT NULL,
            title TEXT NOT NULL,
            started_by TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            reminded_at TEXT NULL,
            link TEXT NULL,
            version BIGINT NOT NULL
        );
        CREATE UNIQUE INDEX ux_conversations_active_thread ON conversations (platform, channel, thread) WHERE status = 'active';
        CREATE INDEX ix_conversations_kind ON conversations (kind, created_at);
        """;
}
