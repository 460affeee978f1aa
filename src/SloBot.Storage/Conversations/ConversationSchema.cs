using Microsoft.Data.Sqlite;
using Npgsql;

namespace SloBot.Storage.Conversations;

/// <summary>Tables of the conversation engine: conversations, published retrospectives and reviews, action items.</summary>
internal static class ConversationSchema
{
    public const string MigrationId = "005_conversations";

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
        CREATE TABLE retrospectives (
            id TEXT PRIMARY KEY,
            incident_id TEXT NOT NULL,
            started_at TEXT NOT NULL,
            published_at TEXT NOT NULL,
            document TEXT NOT NULL
        );
        CREATE INDEX ix_retrospectives_incident ON retrospectives (incident_id);
        CREATE TABLE weekly_reviews (
            id TEXT PRIMARY KEY,
            week_start TEXT NOT NULL,
            published_at TEXT NOT NULL,
            document TEXT NOT NULL
        );
        CREATE TABLE action_items (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            source_index INTEGER NOT NULL,
            source_title TEXT NOT NULL,
            task TEXT NOT NULL,
            owner TEXT NULL,
            due TEXT NULL,
            horizon TEXT NOT NULL,
            created_at TEXT NOT NULL,
            done_at TEXT NULL,
            done_by TEXT NULL,
            UNIQUE (source, source_index)
        );
        """;

    /// <summary>A unique or primary key was violated (SQLite 19, PostgreSQL 23505).</summary>
    public static bool IsConflict(Exception ex) => ex is SqliteException { SqliteErrorCode: 19 } or PostgresException { SqlState: "23505" };

    public static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTime(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind);
}
