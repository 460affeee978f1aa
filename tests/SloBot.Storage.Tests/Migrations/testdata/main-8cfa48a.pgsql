
SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

CREATE TABLE public.action_items (
    id integer NOT NULL,
    source text NOT NULL,
    source_index integer NOT NULL,
    source_title text NOT NULL,
    task text NOT NULL,
    owner text,
    due text,
    horizon text NOT NULL,
    created_at text NOT NULL,
    done_at text,
    done_by text
);

CREATE TABLE public.alert_states (
    slo text NOT NULL,
    severity text NOT NULL,
    since bigint NOT NULL,
    message_id text
);

CREATE TABLE public.conversations (
    id text NOT NULL,
    platform text NOT NULL,
    channel text NOT NULL,
    thread text NOT NULL,
    kind text NOT NULL,
    flow_version integer NOT NULL,
    state text NOT NULL,
    status text NOT NULL,
    data text NOT NULL,
    title text NOT NULL,
    started_by text NOT NULL,
    created_at text NOT NULL,
    updated_at text NOT NULL,
    reminded_at text,
    link text,
    version bigint NOT NULL
);

CREATE TABLE public.handled_requests (
    request_key text NOT NULL,
    keep_until bigint NOT NULL
);

CREATE TABLE public.release_decisions (
    id text NOT NULL,
    service_key text NOT NULL,
    decided_at bigint NOT NULL,
    action text NOT NULL,
    decision_json text NOT NULL,
    review_json text,
    override_json text
);

CREATE TABLE public.retrospectives (
    id text NOT NULL,
    incident_id text NOT NULL,
    started_at text NOT NULL,
    published_at text NOT NULL,
    document text NOT NULL
);

CREATE TABLE public.schedule_runs (
    job text NOT NULL,
    occurrence bigint NOT NULL,
    status text NOT NULL,
    message_id text,
    updated_at bigint NOT NULL
);

CREATE TABLE public.schema_migrations (
    id text NOT NULL,
    applied_at text NOT NULL
);

CREATE TABLE public.tier_adoptions (
    service_key text NOT NULL,
    service text NOT NULL,
    tier text NOT NULL,
    adopted_by text NOT NULL,
    adopted_at bigint NOT NULL
);

CREATE TABLE public.weekly_reviews (
    id text NOT NULL,
    week_start text NOT NULL,
    published_at text NOT NULL,
    document text NOT NULL
);

INSERT INTO public.release_decisions VALUES ('R-CCDD19DE', 'payment', 1796475407396, 'defer', '{"id":"R-CCDD19DE","service":"payment","version":"v1.5.0","decidedAt":"2026-12-05T12:56:47.396223+00:00","requestedBy":{"id":"console","displayName":"root","groups":null,"groupIds":[]},"where":{"platform":"console","channel":"terminal","thread":"session"},"inputs":{"linesChanged":1200,"touchesCriticalPath":false,"hasDbMigration":true,"changesExternalApis":false,"testCoverage":72},"riskScore":6,"riskLevel":"High","budget":{"status":"Attention","remaining":0.43501667738353056,"slo":"availability","slos":[{"slo":"availability","target":0.999,"window":"30d","status":"Attention","remaining":0.43501667738353056,"goodEvents":25911781,"totalEvents":25926429,"burning":false},{"slo":"latency","target":0.99,"window":"30d","status":"Healthy","remaining":0.5519631807346139,"goodEvents":25801615,"totalEvents":25917736,"burning":false}]},"action":"Defer","conditions":[],"rationale":"43.5 % of the budget left on availability, the tightest of 2 SLOs (attention) and a high-risk release (score 6: 1,200 lines changed, a database migration, 72 % test coverage) \u2192 defer","reviewRequest":null,"override":null,"effectiveAction":"Defer","isPending":true}', NULL, NULL);

INSERT INTO public.schema_migrations VALUES ('005_conversations', '1970-01-01T00:00:00.0000000+00:00');
INSERT INTO public.schema_migrations VALUES ('007_release_decisions', '1970-01-01T00:00:00.0000000+00:00');
INSERT INTO public.schema_migrations VALUES ('009_tier_adoptions', '1970-01-01T00:00:00.0000000+00:00');
INSERT INTO public.schema_migrations VALUES ('011_schedule_runs', '1970-01-01T00:00:00.0000000+00:00');
INSERT INTO public.schema_migrations VALUES ('012_alert_states', '1970-01-01T00:00:00.0000000+00:00');
INSERT INTO public.schema_migrations VALUES ('013_handled_requests', '1970-01-01T00:00:00.0000000+00:00');

ALTER TABLE ONLY public.action_items
    ADD CONSTRAINT action_items_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.action_items
    ADD CONSTRAINT action_items_source_source_index_key UNIQUE (source, source_index);

ALTER TABLE ONLY public.alert_states
    ADD CONSTRAINT alert_states_pkey PRIMARY KEY (slo);

ALTER TABLE ONLY public.conversations
    ADD CONSTRAINT conversations_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.handled_requests
    ADD CONSTRAINT handled_requests_pkey PRIMARY KEY (request_key);

ALTER TABLE ONLY public.release_decisions
    ADD CONSTRAINT release_decisions_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.retrospectives
    ADD CONSTRAINT retrospectives_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.schedule_runs
    ADD CONSTRAINT schedule_runs_pkey PRIMARY KEY (job, occurrence);

ALTER TABLE ONLY public.schema_migrations
    ADD CONSTRAINT schema_migrations_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.tier_adoptions
    ADD CONSTRAINT tier_adoptions_pkey PRIMARY KEY (service_key);

ALTER TABLE ONLY public.weekly_reviews
    ADD CONSTRAINT weekly_reviews_pkey PRIMARY KEY (id);

CREATE INDEX handled_requests_keep_until ON public.handled_requests USING btree (keep_until);

CREATE INDEX ix_conversations_kind ON public.conversations USING btree (kind, created_at);

CREATE INDEX ix_release_decisions_service ON public.release_decisions USING btree (service_key, decided_at);

CREATE INDEX ix_release_decisions_time ON public.release_decisions USING btree (decided_at);

CREATE INDEX ix_retrospectives_incident ON public.retrospectives USING btree (incident_id);

CREATE UNIQUE INDEX ux_conversations_active_thread ON public.conversations USING btree (platform, channel, thread) WHERE (status = 'active'::text);

