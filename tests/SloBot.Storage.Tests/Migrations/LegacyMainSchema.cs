namespace SloBot.Storage.Tests.Migrations;

/// <summary>
/// The migrations of main at 8cfa48a, before they were named per capability: one global numbering, ids and SQL
/// copied verbatim (not referenced from the stores, so later schema changes cannot leak into this fixture).
/// </summary>
internal static class LegacyMainSchema
{
    public static readonly StorageMigration[] Migrations =
    [
        new("005_conversations", """
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
        """),
        new("007_release_decisions", """
        CREATE TABLE release_decisions (
            id TEXT PRIMARY KEY,
            service_key TEXT NOT NULL,
            decided_at BIGINT NOT NULL,
            action TEXT NOT NULL,
            decision_json TEXT NOT NULL,
            review_json TEXT NULL,
            override_json TEXT NULL
        );
        CREATE INDEX ix_release_decisions_service ON release_decisions (service_key, decided_at);
        CREATE INDEX ix_release_decisions_time ON release_decisions (decided_at);
        """),
        new("009_tier_adoptions", """
        CREATE TABLE tier_adoptions (
            service_key TEXT PRIMARY KEY,
            service TEXT NOT NULL,
            tier TEXT NOT NULL,
            adopted_by TEXT NOT NULL,
            adopted_at BIGINT NOT NULL
        );
        """),
        new("011_schedule_runs", """
        CREATE TABLE schedule_runs (
            job TEXT NOT NULL,
            occurrence BIGINT NOT NULL,
            status TEXT NOT NULL,
            message_id TEXT NULL,
            updated_at BIGINT NOT NULL,
            PRIMARY KEY (job, occurrence)
        );
        """),
        new("012_alert_states", """
        CREATE TABLE alert_states (
            slo TEXT PRIMARY KEY,
            severity TEXT NOT NULL,
            since BIGINT NOT NULL,
            message_id TEXT NULL
        );
        """),
        new("013_handled_requests", """
        CREATE TABLE handled_requests (
            request_key TEXT PRIMARY KEY,
            keep_until BIGINT NOT NULL
        );
        CREATE INDEX handled_requests_keep_until ON handled_requests (keep_until);
        """),
    ];
}
